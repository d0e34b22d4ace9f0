/**
 * The story's revisions, newest first, each named after the move that took it when there was one
 * ("Filed by Ana Lima"). Any two can be compared, one can be compared with now, and any can be
 * restored: the current text is kept as a revision first and the restore is recorded.
 */
import { useState } from 'react';
import type { AuditEntry } from '../../common/contract/index.js';
import type { RevisionSummary } from '../../common/story.js';
import { whenDone } from '../format.js';
import { reasonLabel, revisionMoveLabel } from './labels.js';

export function Revisions({
  revisions,
  history,
  locked,
  onCompare,
  onRestore,
}: {
  revisions: RevisionSummary[] | null;
  history: AuditEntry[] | null;
  locked: boolean;
  /** Compares `from` (the older) with `to`, or with the story now when `to` is undefined. */
  onCompare: (from: RevisionSummary, to: RevisionSummary | undefined) => void;
  onRestore: (revision: RevisionSummary) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);

  if (revisions === null) return <p className="review-quiet">Loading revisions…</p>;
  if (revisions.length === 0) return <p className="review-quiet">No revisions yet: one is kept as the story is written, filed and moved.</p>;

  const takenAt = new Map<string, AuditEntry>();
  for (const entry of history ?? []) {
    if (entry.revisionId !== null && entry.toState !== null) takenAt.set(entry.revisionId, entry);
  }
  const label = (revision: RevisionSummary) => {
    const move = takenAt.get(revision.id);
    return move ? `${revisionMoveLabel(move.action)} by ${move.profileName}` : reasonLabel(revision.reason);
  };

  const toggle = (id: string, on: boolean) =>
    // Two at most: a third choice replaces the one chosen first.
    setChosen((current) => (on ? [...current.filter((c) => c !== id), id].slice(-2) : current.filter((c) => c !== id)));

  // Newest first: the one further down the list is the older.
  const picked = revisions.filter((r) => chosen.includes(r.id));
  const compare = () => {
    const [newer, older] = picked;
    if (picked.length === 2 && newer && older) onCompare(older, newer);
    else if (picked.length === 1 && newer) onCompare(newer, undefined);
  };

  return (
    <div className="revisions">
      <div className="revision-actions">
        <button type="button" disabled={picked.length === 0} onClick={compare} data-testid="revision-compare">
          {picked.length === 2 ? 'Compare the two' : 'Compare with now'}
        </button>
        <span className="review-quiet">{picked.length === 0 ? 'Tick one or two revisions' : `${picked.length} chosen`}</span>
      </div>
      <ul className="revision-list" data-testid="revisions">
        {revisions.map((revision) => (
          <li key={revision.id} className="revision" data-testid="revision" data-revision-id={revision.id}>
            <label className="revision-choice">
              <input
                type="checkbox"
                checked={chosen.includes(revision.id)}
                onChange={(event) => toggle(revision.id, event.target.checked)}
                data-testid="revision-pick"
              />
              <span className="revision-what">
                <strong data-testid="revision-label">{label(revision)}</strong>
                <small>
                  <time dateTime={revision.createdAt}>{whenDone(revision.createdAt)}</time> · {revision.wordCount.toLocaleString()} words
                  {revision.headline ? ` · ${revision.headline}` : ''}
                </small>
              </span>
            </label>
            {confirming === revision.id ? (
              <span className="revision-confirm">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setConfirming(null);
                    void onRestore(revision);
                  }}
                  data-testid="revision-restore-confirm"
                >
                  Restore this version
                </button>
                <button type="button" className="quiet" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="quiet"
                disabled={locked}
                title={locked ? 'The story is locked: an editor must reopen it first' : 'Bring this version back (the current text is kept as a revision)'}
                onClick={() => setConfirming(revision.id)}
                data-testid="revision-restore"
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
