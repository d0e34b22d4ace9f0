/**
 * "Export…": writes the story's page to a folder the editor picks (main shows the folder dialog).
 * An approved story exports publish-ready and becomes published; any other story exports only as
 * a preview, whose page says so, and the dialog says why publish-ready is not on offer. When main
 * refuses (the story moved on elsewhere, or is not ready), its message is shown as it is: it
 * already names what to do.
 */
import { useState } from 'react';
import type { ChannelResult } from '../../common/contract/index.js';
import { PUBLISHABLE_STATES } from '../../common/publish/renderStory.js';
import { STATE_LABELS, type StoryState } from '../../common/workflow.js';
import { invoke, isApiError } from '../api.js';
import { Dialog } from '../review/Dialog.js';
import { useProfile } from '../review/profile-context.js';

type Exported = NonNullable<ChannelResult<'export:story'>>;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'cancelled' }
  | { kind: 'done'; exported: Exported }
  | { kind: 'failed'; message: string };

export function isPublishable(status: StoryState): boolean {
  return PUBLISHABLE_STATES.includes(status);
}

/**
 * Why only a preview is on offer, or null when publish-ready is: the rules main applies when it
 * refuses a publish-ready export, said before the folder dialog rather than after it.
 */
export function previewOnlyReason(status: StoryState, editor: boolean): string | null {
  if (!isPublishable(status)) {
    return `This story is ${STATE_LABELS[status].toLowerCase()}: only an approved story exports as publish-ready. Export it as a preview, or have an editor approve it.`;
  }
  if (status === 'approved' && !editor) {
    return 'Exporting an approved story publishes it, and only an editor can publish. Export it as a preview, or ask an editor to export it.';
  }
  return null;
}

export function ExportDialog({
  storyId,
  status,
  flush,
  onPublished,
  onClose,
}: {
  storyId: string;
  status: StoryState;
  flush: () => Promise<boolean>;
  /** The export moved the story to published. */
  onPublished: () => void;
  onClose: () => void;
}) {
  const [singleFile, setSingleFile] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // Main said no to publish-ready (and why): from then on only the preview is offered.
  const [refusal, setRefusal] = useState<string | null>(null);
  const editor = useProfile().current.roles.includes('editor');
  const reason = refusal ?? previewOnlyReason(status, editor);
  const offerPublish = reason === null;

  const exportStory = async (preview: boolean) => {
    setOutcome({ kind: 'busy' });
    if (!(await flush())) {
      setOutcome({ kind: 'failed', message: 'The story is not saved yet: retry the save (top bar), then export it.' });
      return;
    }
    try {
      const exported = await invoke('export:story', { id: storyId, singleFile, ...(preview ? { preview: true } : {}) });
      if (exported === null) {
        setOutcome({ kind: 'cancelled' });
        return;
      }
      setOutcome({ kind: 'done', exported });
      if (exported.published) onPublished();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!preview && (isApiError(error, 'forbidden') || isApiError(error, 'invalid-argument'))) {
        setRefusal(message);
        setOutcome({ kind: 'idle' });
      } else {
        setOutcome({ kind: 'failed', message });
      }
    }
  };

  const busy = outcome.kind === 'busy';
  return (
    <Dialog title="Export the story" onClose={onClose} testId="export-dialog" className="publish-dialog publish-export">
      {offerPublish ? (
        <p className="publish-quiet" data-testid="export-explain">
          Writes the publish-ready page and its photos to a folder you choose
          {status === 'approved' ? ', and marks the story published.' : '.'}
        </p>
      ) : (
        <p className="publish-explain" data-testid="export-explain">
          <strong>Publish-ready export is not available.</strong> {reason}
        </p>
      )}
      <label className="publish-check">
        <input type="checkbox" checked={singleFile} onChange={(event) => setSingleFile(event.target.checked)} data-testid="export-single-file" />
        Single file (photos inside the page)
      </label>
      {outcome.kind === 'cancelled' && <p className="publish-quiet">No folder was chosen: nothing was exported.</p>}
      {outcome.kind === 'failed' && (
        <p className="field-problem" role="alert" data-testid="export-problem">
          {outcome.message}
        </p>
      )}
      {outcome.kind === 'done' && <ExportResult exported={outcome.exported} />}
      <div className="review-dialog-actions">
        {outcome.kind === 'done' ? (
          <button type="button" className="primary" onClick={onClose} data-testid="export-close">
            Done
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            {offerPublish ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void exportStory(false)} data-testid="export-publish">
                Export publish-ready
              </button>
            ) : (
              <button type="button" className="primary" disabled={busy} onClick={() => void exportStory(true)} data-testid="export-preview">
                Export as preview
              </button>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}

function ExportResult({ exported }: { exported: Exported }) {
  const page = exported.files.find((file) => file.kind === 'page');
  const images = exported.files.filter((file) => file.kind === 'image').length;
  return (
    <div className="publish-result" role="status" data-testid="export-result">
      <p>
        {exported.mode === 'publish' ? 'Exported the publish-ready page' : 'Exported a preview'} to <code data-testid="export-folder">{exported.folder}</code>:{' '}
        <span data-testid="export-count">
          {exported.files.length} {exported.files.length === 1 ? 'file' : 'files'}
        </span>
        {images > 0 && ` (the page and ${images} ${images === 1 ? 'image' : 'images'})`}.
      </p>
      {page && (
        <p className="publish-quiet">
          Page: <code data-testid="export-page">{page.path}</code>
        </p>
      )}
      {exported.published && (
        <p data-testid="export-published">
          <strong>Marked published.</strong>
        </p>
      )}
    </div>
  );
}
