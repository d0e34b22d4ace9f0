/**
 * Marks the passages open notes are about, in the body, with the CSS Custom Highlight API: the
 * ranges are painted by the browser without touching the editor's DOM, which Lexical owns.
 * Repainted (at most once a frame) after each editor update.
 */
import { useEffect } from 'react';
import type { LexicalEditor } from 'lexical';
import type { StoryNote } from '../../common/contract/index.js';

const HIGHLIGHT = 'review-note-anchor';
/** Past this much text the search is not worth a frame: the notes still list their passages. */
const MAX_TEXT_CHARS = 300_000;
const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li,blockquote,figcaption';

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Every place `quote` appears in the body's text, whitespace (and paragraph breaks) counting as one space. */
export function findPassages(root: HTMLElement, quote: string): Range[] {
  const needle = quote.replace(/\s+/g, ' ').trim();
  if (needle === '') return [];
  let hay = '';
  const at: Array<{ node: Text; offset: number }> = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let lastBlock: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const block = text.parentElement?.closest(BLOCKS) ?? null;
    const previous = at[at.length - 1];
    if (block !== lastBlock && previous && !hay.endsWith(' ')) {
      hay += ' ';
      at.push(previous);
    }
    lastBlock = block;
    for (let i = 0; i < text.data.length; i += 1) {
      const char = text.data[i] as string;
      if (/\s/.test(char)) {
        if (hay.endsWith(' ')) continue;
        hay += ' ';
      } else {
        hay += char;
      }
      at.push({ node: text, offset: i });
    }
  }
  const ranges: Range[] = [];
  for (let from = hay.indexOf(needle); from !== -1; from = hay.indexOf(needle, from + needle.length)) {
    const start = at[from];
    const end = at[from + needle.length - 1];
    if (!start || !end) continue;
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset + 1);
    ranges.push(range);
  }
  return ranges;
}

export function useAnchorHighlights(editor: LexicalEditor, notes: StoryNote[] | null): void {
  useEffect(() => {
    if (!supported()) return;
    const quotes = (notes ?? []).flatMap((note) => (note.resolvedAt === null && note.anchor ? [note.anchor.quote] : []));
    let frame = 0;
    const paint = () => {
      frame = 0;
      const root = editor.getRootElement();
      if (!root || quotes.length === 0 || (root.textContent ?? '').length > MAX_TEXT_CHARS) {
        CSS.highlights.delete(HIGHLIGHT);
        return;
      }
      CSS.highlights.set(HIGHLIGHT, new Highlight(...quotes.flatMap((quote) => findPassages(root, quote))));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    schedule();
    const unregister = editor.registerUpdateListener(schedule);
    return () => {
      unregister();
      if (frame !== 0) cancelAnimationFrame(frame);
      CSS.highlights.delete(HIGHLIGHT);
    };
  }, [editor, notes]);
}
