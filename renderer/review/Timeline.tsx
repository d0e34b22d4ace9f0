/** The audit trail, oldest first: every move and save, who made it, when, from which state to which, and why. */
import type { AuditEntry } from '../../common/contract/index.js';
import { whenDone } from '../format.js';
import { actionLabel, stateLabel } from './labels.js';

export function Timeline({ entries }: { entries: AuditEntry[] | null }) {
  if (entries === null) return <p className="review-quiet">Loading the timeline…</p>;
  if (entries.length === 0) return <p className="review-quiet">Nothing recorded yet.</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li key={entry.id} className={`timeline-entry timeline-${entry.action}`} data-testid="timeline-entry" data-action={entry.action}>
          <div className="timeline-line">
            <strong className="timeline-who" data-testid="timeline-who">
              {entry.profileName}
            </strong>{' '}
            <span className="timeline-what">{actionLabel(entry.action)}</span>
            {entry.fromState !== null && entry.toState !== null && entry.fromState !== entry.toState && (
              <span className="timeline-states">
                {' '}
                {stateLabel(entry.fromState)} → {stateLabel(entry.toState)}
              </span>
            )}
          </div>
          <time className="timeline-when" dateTime={entry.at}>
            {whenDone(entry.at)}
          </time>
          {entry.note !== '' && entry.action !== 'edit' && (
            <blockquote className="timeline-note" data-testid="timeline-note">
              {entry.note}
            </blockquote>
          )}
        </li>
      ))}
    </ol>
  );
}
