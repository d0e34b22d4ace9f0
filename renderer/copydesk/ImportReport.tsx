/**
 * What importing one file did, as the copy desk needs to know it before trusting the draft: the
 * web leftovers taken out of the text and why, the markup dropped (counted), what to check, the
 * photos stored or refused, and the notes kept beside the story. A refused file shows main's
 * message, which names the file and what to do.
 */
import type { ImportOutcome } from './imports.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ImportReportView({ outcome, onOpen }: { outcome: ImportOutcome; onOpen?: (storyId: string) => void }) {
  if (!outcome.ok) {
    return (
      <section className="import-report import-report-refused" role="alert" data-testid="import-refused" data-file={outcome.name}>
        <p>
          <strong>Not imported.</strong> {outcome.message}
        </p>
      </section>
    );
  }
  const { story, report, notes, photos } = outcome.result;
  // Main lists refused photos among the warnings too; here they sit under Photos.
  const refusedMessages = new Set(photos.refused.map((r) => r.message));
  const warnings = report.warnings.filter((w) => !refusedMessages.has(w));
  const clean = report.removed.length === 0 && report.dropped.length === 0 && warnings.length === 0 && photos.refused.length === 0;

  return (
    <section className="import-report" data-testid="import-report" data-file={outcome.name}>
      <header className="import-report-head">
        <h3>
          <span className="import-report-file">{outcome.name}</span>
          <span className="import-report-story" data-testid="import-report-headline">
            {story.headline === '' ? 'Untitled' : story.headline}
          </span>
        </h3>
        {onOpen && (
          <button type="button" onClick={() => onOpen(story.id)} data-testid="import-open">
            Open
          </button>
        )}
      </header>
      {report.removed.length > 0 && (
        <div className="import-report-part">
          <h4>Removed from the text ({report.removed.length})</h4>
          <ul data-testid="import-removed">
            {report.removed.map((removed, i) => (
              <li key={i}>
                <q>{removed.text}</q> <span className="import-report-why">{removed.why}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.dropped.length > 0 && (
        <div className="import-report-part">
          <h4>Dropped markup</h4>
          <ul data-testid="import-dropped">
            {report.dropped.map((dropped) => (
              <li key={dropped.what}>
                <span className="import-report-count">{dropped.count} ×</span> {dropped.what}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="import-report-part import-report-check">
          <h4>Check</h4>
          <ul data-testid="import-warnings">
            {warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {(photos.stored > 0 || photos.refused.length > 0) && (
        <div className="import-report-part">
          <h4>Photos</h4>
          <p data-testid="import-photos">
            {plural(photos.stored, 'photo stored', 'photos stored')}
            {photos.refused.length > 0 && `, ${plural(photos.refused.length, 'refused', 'refused')}`}
          </p>
          {photos.refused.length > 0 && (
            <ul data-testid="import-photos-refused">
              {photos.refused.map((refused, i) => (
                <li key={i}>{refused.message.startsWith(refused.name) ? refused.message : `${refused.name}: ${refused.message}`}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {notes > 0 && (
        <p className="import-report-part" data-testid="import-notes">
          {plural(notes, 'note', 'notes')} (footnotes and comments) kept with the story, in its review panel.
        </p>
      )}
      {clean && <p className="import-report-quiet">Nothing was removed or dropped.</p>}
    </section>
  );
}
