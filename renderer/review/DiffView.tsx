/**
 * Word-level differences between two versions of a story: inserted words in <ins>, deleted ones
 * in <del>, built as React elements from the diff's parts (never as HTML text). Inline (beside a
 * package conflict) the body is one run of text; as a wide dialog ("Changes since filed", revisions)
 * it keeps the story's shape, paragraph by paragraph with its subheads, quotes and list items, and
 * folds long unchanged stretches.
 */
import { useState, type ReactNode } from 'react';
import type { StoryDiff } from '../../common/contract/index.js';
import { hasChanges, type BlockDiff, type DiffPart } from '../../common/diff.js';
import type { BlockKind } from '../../common/document.js';
import { whenDone } from '../format.js';
import { Dialog } from './Dialog.js';

/** Long unchanged stretches of the body are cut to their ends: the eye is on what changed. */
const KEEP_EQUAL = 240;
/** Unchanged blocks kept around each change in the wide view; longer runs fold. */
const CONTEXT_BLOCKS = 1;

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

/** One block of the body as it reads in the story: a paragraph, a subhead, a quote, a list item. */
function Block({ block }: { block: BlockDiff<BlockKind> }) {
  const text = <DiffText parts={block.parts} />;
  const props = { className: `diff-block diff-block-${block.change}`, 'data-testid': 'diff-block', 'data-change': block.change, 'data-kind': block.kind };
  switch (block.kind) {
    case 'h2':
      return <h2 {...props}>{text}</h2>;
    case 'h3':
      return <h3 {...props}>{text}</h3>;
    case 'quote':
      return <blockquote {...props}>{text}</blockquote>;
    case 'bullet':
    case 'number':
      return (
        <p {...props}>
          <span className="diff-block-bullet" aria-hidden="true">
            {block.kind === 'bullet' ? '•' : '#'}
          </span>
          {text}
        </p>
      );
    default:
      return <p {...props}>{text}</p>;
  }
}

/** The body block by block, long unchanged stretches folded to a line that opens them. */
function BodyBlocks({ blocks }: { blocks: BlockDiff<BlockKind>[] }) {
  const [unfolded, setUnfolded] = useState<ReadonlySet<number>>(new Set());
  const near = blocks.map((_, i) => blocks.slice(Math.max(0, i - CONTEXT_BLOCKS), i + CONTEXT_BLOCKS + 1).some((b) => b.change !== 'equal'));
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i] as BlockDiff<BlockKind>;
    if (near[i] || block.change !== 'equal' || unfolded.has(i)) {
      out.push(<Block key={i} block={block} />);
      i += 1;
      continue;
    }
    let end = i;
    while (end < blocks.length && !near[end] && !unfolded.has(end)) end += 1;
    const start = i;
    const count = end - start;
    out.push(
      <button
        key={`fold-${start}`}
        type="button"
        className="quiet diff-fold"
        onClick={() => setUnfolded((now) => new Set([...now, ...Array.from({ length: count }, (_, n) => start + n)]))}
        data-testid="diff-fold"
      >
        {count === 1 ? '1 unchanged paragraph' : `${count} unchanged paragraphs`}
      </button>,
    );
    i = end;
  }
  return <div className="diff-blocks">{out}</div>;
}

/** "As filed by Ana Lima, Today 10:42": the side's name and its time, in the window's one date format. */
function sideText(side: StoryDiff['from']): string {
  return side.revisionId === null && side.title === 'Now' ? 'Now' : `${side.title}, ${whenDone(side.at)}`;
}

export function DiffView({
  diff,
  title,
  onClose,
  presentation = 'inline',
}: {
  diff: StoryDiff;
  title: string;
  onClose: () => void;
  /** Inline beside a package conflict (the sides as labelled), or a wide dialog that keeps the story's shape. */
  presentation?: 'inline' | 'dialog';
}) {
  const wide = presentation === 'dialog';
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

  const sides = (
    <p className="diff-sides" data-testid="diff-sides">
      <span className="diff-from">{wide ? sideText(diff.from) : diff.from.label}</span> →{' '}
      <span className="diff-to">{wide ? sideText(diff.to) : diff.to.label}</span>
    </p>
  );
  const content =
    !diff.changed || fields.length === 0 ? (
      <p className="review-quiet" data-testid="diff-unchanged">
        No changes to the headline, standfirst, byline, text or photo captions and credits.
      </p>
    ) : (
      <dl className="diff-fields">
        {fields.map((field) => (
          <div key={field.key} className={`diff-field diff-${field.key}`} data-testid={`diff-${field.key}`}>
            <dt>{field.label}</dt>
            <dd>{wide && field.key === 'body' ? <BodyBlocks blocks={diff.bodyBlocks} /> : <DiffText parts={field.parts} elideEqual={field.elide} />}</dd>
          </div>
        ))}
      </dl>
    );

  if (wide) {
    return (
      <Dialog title={title} onClose={onClose} testId="diff-view" closeTestId="diff-close" className="diff-dialog">
        {sides}
        <p className="diff-legend">
          <ins>Marked</ins>: added. <del>Struck through</del>: taken out.
        </p>
        <div className="diff-scroll">{content}</div>
      </Dialog>
    );
  }
  return (
    <section className="diff-view" aria-label={title} data-testid="diff-view">
      <header className="diff-head">
        <h3>{title}</h3>
        <button type="button" className="quiet" aria-label="Close the comparison" onClick={onClose} data-testid="diff-close">
          ×
        </button>
      </header>
      {sides}
      {content}
    </section>
  );
}
