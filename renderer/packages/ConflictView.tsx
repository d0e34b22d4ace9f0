/**
 * "Changes from both sides": a package brought a version of this story while this machine had
 * changed it too. Main kept the incoming version as a revision (`conflictRevisionId`) and left
 * this machine's text in place; this shows the word-level differences between them (the review
 * desk's DiffView) and lets a person choose. Whichever is not chosen stays in the revisions.
 */
import { useEffect, useRef, useState } from 'react';
import type { StoryDiff } from '../../common/contract/index.js';
import { invoke, isApiError } from '../api.js';
import type { Autosave } from '../editor/plugins/Autosave/index.js';
import { DiffView } from '../review/DiffView.js';

export type Kept = 'local' | 'incoming';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ConflictView({
  storyId,
  conflictRevisionId,
  autosave,
  onReload,
  onResolved,
}: {
  storyId: string;
  conflictRevisionId: string;
  autosave: Autosave;
  /** The text in the store changed under the editor: load it (StoryScreen's "Reload theirs" path). */
  onReload: () => Promise<void>;
  onResolved: (kept: Kept) => void;
}) {
  const [diff, setDiff] = useState<StoryDiff | null>(null);
  const [diffOpen, setDiffOpen] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const autosaveNow = useRef(autosave);
  autosaveNow.current = autosave;
  // Compared with the text as stored: again after each save.
  const savedAt = autosave.state.kind === 'saved' ? autosave.state.at : null;

  useEffect(() => {
    let current = true;
    invoke('workflow:diff', { storyId, from: conflictRevisionId }).then(
      (found) => {
        if (!current) return;
        setDiff({ ...found, from: { ...found.from, label: 'The incoming version' }, to: { ...found.to, label: 'this machine’s version' } });
      },
      (error: unknown) => current && setProblem(`The two versions could not be compared: ${message(error)}`),
    );
    return () => {
      current = false;
    };
  }, [storyId, conflictRevisionId, savedAt]);

  const choose = async (keep: Kept) => {
    setBusy(true);
    setProblem(null);
    try {
      // The choice names the version on screen, so what was typed is saved first.
      if (!(await autosaveNow.current.flush())) {
        setProblem('This machine’s text is not saved yet: retry the save (top bar), then choose.');
        return;
      }
      await invoke('package:resolve', { storyId, version: autosaveNow.current.versionNow(), keep });
      if (keep === 'incoming') await onReload();
      onResolved(keep);
    } catch (error) {
      setProblem(isApiError(error, 'conflict') ? `${message(error)}.` : `Nothing was changed: ${message(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="banner banner-warning package-conflict-view" aria-label="Changes from both sides" data-testid="package-conflict">
      <p>
        <strong>Changes from both sides.</strong> This story was changed here and on the machine that sent the package. The text
        here is this machine’s; choose which version to keep, and the other stays in the revisions.
      </p>
      <div className="banner-actions">
        <button type="button" disabled={busy} onClick={() => void choose('local')} data-testid="keep-local">
          Keep this machine’s version
        </button>
        <button type="button" disabled={busy} onClick={() => void choose('incoming')} data-testid="take-incoming">
          Take the incoming version
        </button>
        {!diffOpen && (
          <button type="button" className="quiet" onClick={() => setDiffOpen(true)} data-testid="package-conflict-compare">
            Show the differences
          </button>
        )}
      </div>
      {problem && (
        <p className="field-problem package-conflict-problem" role="alert">
          {problem}
        </p>
      )}
      {diff && diffOpen && (
        <div className="package-conflict-diff">
          <p className="package-conflict-legend">
            <del>Struck through</del>: only in the incoming version. <ins>Marked</ins>: only in this machine’s.
          </p>
          <DiffView diff={diff} title="What differs" onClose={() => setDiffOpen(false)} />
        </div>
      )}
    </section>
  );
}
