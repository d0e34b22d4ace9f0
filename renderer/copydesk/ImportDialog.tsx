/**
 * Importing files, for the whole window: the hidden file input behind "Import…" and File ›
 * Import…, and the dialog that follows each batch (the progress, then one report per file).
 * One imported story opens at once, its report over it; several are listed with an Open button
 * each. Mounted once, in the app shell, so the menu command works from any screen.
 */
import { useEffect, useRef } from 'react';
import { onEvent } from '../api.js';
import { useApp } from '../app-context.js';
import { withKey } from '../shortcuts/keys.js';
import { ImportReportView } from './ImportReport.js';
import type { OtherDeskFiles } from '../packages/PackageDrop.js';
import { IMPORT_ACCEPT, chooseImportFiles, closeImports, importFiles, isImportable, registerImportChooser, useImportState } from './imports.js';
import { openCopyDeskFor } from './panelState.js';

export function StoryImports() {
  const app = useApp();
  const state = useImportState();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const openedBatch = useRef(0);

  useEffect(() => registerImportChooser(() => input.current?.click()), []);
  useEffect(() => onEvent('menu:import', chooseImportFiles), []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (state !== null && !element.open) element.showModal();
    if (state === null && element.open) element.close();
  }, [state]);

  // One story from the batch: open it now, with the report over it.
  useEffect(() => {
    if (state === null || state.kind !== 'done' || openedBatch.current === state.batch) return;
    openedBatch.current = state.batch;
    const stories = state.outcomes.flatMap((o) => (o.ok ? [o.result.story] : []));
    const only = stories[0];
    if (stories.length !== 1 || !only) return;
    openCopyDeskFor(only.id);
    void app.go({ name: 'story', id: only.id });
  }, [state, app]);

  const open = (storyId: string) => {
    closeImports();
    openCopyDeskFor(storyId);
    void app.go({ name: 'story', id: storyId });
  };

  const several = state !== null && state.kind !== 'asking' && state.outcomes.filter((o) => o.ok).length > 1;
  const waiting = state !== null && state.kind === 'importing' ? state.names.slice(state.outcomes.length) : [];

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared, so picking the same file again still counts as a change.
          event.target.value = '';
          void importFiles(files);
        }}
      />
      <dialog
        ref={dialog}
        className="import-dialog"
        aria-label="Import"
        data-testid="import-dialog"
        onCancel={(event) => {
          event.preventDefault();
          closeImports();
        }}
      >
        {state !== null && (
          <>
            <header className="import-dialog-head">
              <h2>{state.kind === 'asking' ? 'Import stories' : state.kind === 'importing' ? 'Importing…' : 'Import report'}</h2>
              {state.kind !== 'importing' && (
                <button type="button" className="quiet" aria-label="Close" onClick={closeImports}>
                  ×
                </button>
              )}
            </header>
            {state.kind === 'asking' ? (
              <div className="import-ask">
                <p>
                  Choose the files to bring in (.txt, .md, .html or .docx): each becomes a new draft. You can also drop them on the desk.
                </p>
                <div className="import-dialog-actions">
                  <button type="button" className="quiet" onClick={closeImports}>
                    Cancel
                  </button>
                  <button type="button" className="primary" onClick={() => input.current?.click()} data-testid="import-choose">
                    Choose files…
                  </button>
                </div>
              </div>
            ) : (
              <div className="import-reports" data-testid="import-reports">
                {state.outcomes.map((outcome, i) => (
                  <ImportReportView key={i} outcome={outcome} {...(several && outcome.ok ? { onOpen: open } : {})} />
                ))}
                {waiting.length > 0 && (
                  <p className="import-report-quiet" role="status" data-testid="import-progress">
                    Importing {waiting[0]}
                    {waiting.length > 1 ? ` and ${waiting.length - 1} more` : ''}…
                  </p>
                )}
                {state.kind === 'done' && (
                  <div className="import-dialog-actions">
                    <button type="button" className="primary" onClick={closeImports} data-testid="import-close">
                      {several ? 'Close' : 'Done'}
                    </button>
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </dialog>
    </>
  );
}

/** The desk's "Import…" button: a click, so the file picker may open at once. */
export function ImportButton() {
  return (
    <button type="button" onClick={chooseImportFiles} title={withKey('Import Word, Markdown, HTML or text files', 'CmdOrCtrl+Shift+O')} data-testid="import-button">
      Import…
    </button>
  );
}

/** Story files dropped on the desk: imported, while packages keep going to PackageDrop. */
export const STORY_FILES_ON_THE_DESK: OtherDeskFiles = {
  accepts: (file) => isImportable(file.name),
  take: (files) => void importFiles(files),
  hint: 'or a story file (.txt, .md, .html, .docx) to import it',
};
