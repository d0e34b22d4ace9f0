/**
 * Word-level differences between two versions of a story, inline: inserted words in <ins>,
 * deleted ones in <del>, built as React elements from the diff's parts (never as HTML text).
 */
import type { ReactNode } from 'react';
import type { StoryDiff } from '../../common/contract/index.js';
import { hasChanges, type DiffPart } from '../../common/diff.js';

/** Long unchanged stretches of the body are cut to their ends: the eye is on what changed. */
const KEEP_EQUAL = 240;

function elide(text: string, position: 'first' | 'middle' | 'last'): string {
  if (text.length <= KEEP_EQUAL * 2 + 40) return text;
  const head = text.slice(0, KEEP_EQUAL);
  const tail = text.slice(-KEEP_EQUAL);
  if (position === 'first') return `…${tail}`;
  if (position === 'last') return `${head}…`;
  return `${head} … ${tail}`;
}

export function DiffText({ parts, elideEqual = false }: { parts: readonly DiffPart[]; elideEqual?: boolean }) {
  const out: ReactNode[] = parts.map((part, i) => {
    if (part.op === 'insert') return <ins key={i}>{part.text}</ins>;
    if (part.op === 'delete') return <del key={i}>{part.text}</del>;
    const position = i === 0 ? 'first' : i === parts.length - 1 ? 'last' : 'middle';
    return <span key={i}>{elideEqual ? elide(part.text, position) : part.text}</span>;
  });
  return <span className="diff-text">{out}</span>;
}

export function DiffView({ diff, title, onClose }: { diff: StoryDiff; title: string; onClose: () => void }) {
  const fields: Array<{ key: string; label: string; parts: DiffPart[]; elide?: boolean }> = [
    { key: 'headline', label: 'Headline', parts: diff.headline },
    { key: 'standfirst', label: 'Standfirst', parts: diff.standfirst },
    { key: 'byline', label: 'Byline', parts: diff.byline },
    { key: 'body', label: 'Body', parts: diff.body, elide: true },
    ...diff.photos.flatMap((photo) => [
      { key: `photo-${photo.number}-caption`, label: `Photo ${photo.number} caption`, parts: photo.caption },
      { key: `photo-${photo.number}-credit`, label: `Photo ${photo.number} credit`, parts: photo.credit },
    ]),
  ].filter((field) => hasChanges(field.parts));

  return (
    <section className="diff-view" aria-label={title} data-testid="diff-view">
      <header className="diff-head">
        <h3>{title}</h3>
        <button type="button" className="quiet" aria-label="Close the comparison" onClick={onClose} data-testid="diff-close">
          ×
        </button>
      </header>
      <p className="diff-sides" data-testid="diff-sides">
        <span className="diff-from">{diff.from.label}</span> → <span className="diff-to">{diff.to.label}</span>
      </p>
      {!diff.changed || fields.length === 0 ? (
        <p className="review-quiet" data-testid="diff-unchanged">
          No changes to the headline, standfirst, byline, text or photo captions and credits.
        </p>
      ) : (
        <dl className="diff-fields">
          {fields.map((field) => (
            <div key={field.key} className={`diff-field diff-${field.key}`} data-testid={`diff-${field.key}`}>
              <dt>{field.label}</dt>
              <dd>
                <DiffText parts={field.parts} elideEqual={field.elide} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
