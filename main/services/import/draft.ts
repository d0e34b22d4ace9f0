/**
 * The importers' common draft: blocks and inline runs as every format yields them, before the
 * story's parts (headline, byline, dateline, captions) are picked out and the body is written as
 * Lexical JSON. Only the shapes the story document accepts exist here, so the output is valid by
 * construction (and checked again by `parseStoryDocument`).
 */
import { parseStoryDocument, type PhotoNodeJSON, type StoryDocument } from '../../../common/document.js';

export const BOLD = 1;
export const ITALIC = 2;

export type DraftInline =
  | { kind: 'text'; text: string; format: number }
  | { kind: 'break' }
  | { kind: 'link'; url: string; children: DraftInline[] }
  /** Where a footnote or comment was referenced: emits nothing, gives the note its anchor. */
  | { kind: 'note'; ref: string };

export interface DraftListItem {
  inlines: DraftInline[];
  lists: DraftList[];
}
export interface DraftList {
  kind: 'list';
  ordered: boolean;
  items: DraftListItem[];
}

export type DraftBlock =
  | { kind: 'paragraph'; inlines: DraftInline[]; /** Source lines (plain text): subheads are one line. */ lines?: number }
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: DraftInline[] }
  | { kind: 'quote'; inlines: DraftInline[] }
  | DraftList
  | { kind: 'photo'; node: PhotoNodeJSON; /** Index into the import's pictures. */ picture?: number };

export type TextBlock = Extract<DraftBlock, { inlines: DraftInline[] }>;

export function isTextBlock(block: DraftBlock): block is TextBlock {
  return 'inlines' in block;
}

export function text(value: string, format = 0): DraftInline {
  return { kind: 'text', text: value, format };
}

/** The words of a run of inlines, a line break as '\n'; note markers add nothing. */
export function inlineText(inlines: readonly DraftInline[]): string {
  let out = '';
  for (const inline of inlines) {
    if (inline.kind === 'text') out += inline.text;
    else if (inline.kind === 'break') out += '\n';
    else if (inline.kind === 'link') out += inlineText(inline.children);
  }
  return out;
}

/** True when every letter of the run is in `format` (all bold, all italic): a styled line. */
export function wholly(inlines: readonly DraftInline[], format: number): boolean {
  let seen = false;
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      if (inline.text.trim() === '') continue;
      if ((inline.format & format) !== format) return false;
      seen = true;
    } else if (inline.kind === 'link') {
      if (!wholly(inline.children, format)) return false;
      seen = seen || inlineText(inline.children).trim() !== '';
    }
  }
  return seen;
}

/** The same run with `format` bits cleared (a bold byline becomes plain text, say). */
export function withoutFormat(inlines: readonly DraftInline[], format: number): DraftInline[] {
  return inlines.map((inline) => {
    if (inline.kind === 'text') return { ...inline, format: inline.format & ~format };
    if (inline.kind === 'link') return { ...inline, children: withoutFormat(inline.children, format) };
    return inline;
  });
}

/**
 * Drops the first `count` characters of the run's text (a dateline moved to its field), keeping
 * formatting, links and note markers after the cut.
 */
export function dropLeading(inlines: readonly DraftInline[], count: number): DraftInline[] {
  let left = count;
  const out: DraftInline[] = [];
  for (const inline of inlines) {
    if (left <= 0) {
      out.push(inline);
      continue;
    }
    if (inline.kind === 'text') {
      if (inline.text.length <= left) left -= inline.text.length;
      else {
        out.push({ ...inline, text: inline.text.slice(left) });
        left = 0;
      }
    } else if (inline.kind === 'break') {
      left -= 1;
    } else if (inline.kind === 'link') {
      const length = inlineText(inline.children).length;
      if (length <= left) left -= length;
      else {
        out.push({ ...inline, children: dropLeading(inline.children, left) });
        left = 0;
      }
    } else {
      out.push(inline);
    }
  }
  return out;
}

/** Drops the last `count` characters of the run's text (a credit glued onto a caption). */
export function dropTrailing(inlines: readonly DraftInline[], count: number): DraftInline[] {
  const reversed = reverseInlines(inlines);
  return reverseInlines(dropLeading(reversed, count));
}

function reverseInlines(inlines: readonly DraftInline[]): DraftInline[] {
  return [...inlines].reverse().map((inline) => {
    if (inline.kind === 'text') return { ...inline, text: [...inline.text].reverse().join('') };
    if (inline.kind === 'link') return { ...inline, children: reverseInlines(inline.children) };
    return inline;
  });
}

/**
 * Tidies a run for the story: merges neighbouring text of the same format, trims the block's ends
 * and the spaces around line breaks, and drops empty links. `collapse` folds runs of whitespace
 * to one space, as HTML renders them; plain text and Markdown keep a typed double space so the copy
 * desk can flag it.
 */
export function tidyInlines(inlines: readonly DraftInline[], collapse: boolean, edges = true): DraftInline[] {
  const flat: DraftInline[] = [];
  const push = (inline: DraftInline) => {
    const last = flat[flat.length - 1];
    if (inline.kind === 'text' && last?.kind === 'text' && last.format === inline.format) {
      flat[flat.length - 1] = { ...last, text: last.text + inline.text };
    } else {
      flat.push(inline);
    }
  };
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      let value = inline.text.replace(/[\r\n\t\f\v]+/g, ' ');
      if (collapse) value = value.replace(/[ \u00a0]+/g, ' ');
      if (value !== '') push({ ...inline, text: value });
    } else if (inline.kind === 'link') {
      const children = tidyInlines(inline.children, collapse, false).filter((c) => c.kind !== 'note');
      if (children.length > 0) flat.push({ ...inline, children });
    } else {
      push(inline);
    }
  }
  if (collapse) {
    for (const { node, set } of textNodes(flat)) set(node.text.replace(/[ \u00a0]+/g, ' '));
  }
  if (!edges) return flat;
  if (collapse) collapseAcross(flat);
  trimEdges(flat);
  // Line breaks at the block's edges carry nothing.
  while (flat[0]?.kind === 'break') flat.shift();
  while (flat[flat.length - 1]?.kind === 'break') flat.pop();
  trimEdges(flat);
  return flat.filter((inline) => !(inline.kind === 'text' && inline.text === ''));
}

function textNodes(inlines: DraftInline[]): { node: Extract<DraftInline, { kind: 'text' }>; set: (t: string) => void }[] {
  const out: { node: Extract<DraftInline, { kind: 'text' }>; set: (t: string) => void }[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'text') out.push({ node: inline, set: (t) => (inline.text = t) });
    else if (inline.kind === 'link') out.push(...textNodes(inline.children));
  }
  return out;
}

/** "a " + " b" across two runs is one space, as a browser shows it. */
function collapseAcross(inlines: DraftInline[]): void {
  let previousEndsInSpace = true;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      previousEndsInSpace = true;
      continue;
    }
    for (const { node, set } of textNodes([inline])) {
      let value = node.text;
      if (previousEndsInSpace) value = value.replace(/^ +/, '');
      set(value);
      if (value !== '') previousEndsInSpace = value.endsWith(' ');
    }
  }
}

/** Trims spaces at the block's start and end and on either side of each line break. */
function trimEdges(inlines: DraftInline[]): void {
  const segments: DraftInline[][] = [[]];
  for (const inline of inlines) {
    if (inline.kind === 'break') segments.push([]);
    else segments[segments.length - 1]?.push(inline);
  }
  for (const segment of segments) {
    const nodes = textNodes(segment);
    for (const { node, set } of nodes) {
      set(node.text.replace(/^[ \u00a0]+/, ''));
      if (node.text !== '') break;
    }
    for (const { node, set } of [...nodes].reverse()) {
      set(node.text.replace(/[ \u00a0]+$/, ''));
      if (node.text !== '') break;
    }
  }
}

/** Turns bare web addresses in plain text into links (text and Markdown). */
export function autolink(value: string, format = 0): DraftInline[] {
  const out: DraftInline[] = [];
  const pattern = /\bhttps?:\/\/[^\s<>"«»“”]+/g;
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    // A sentence's full stop or closing bracket is not part of the address.
    let end = match[0].length;
    while (end > 0 && ".,;:!?)]'’".includes(match[0].charAt(end - 1))) end -= 1;
    const url = match[0].slice(0, end);
    if (!/^https?:\/\/./.test(url)) continue;
    const start = match.index;
    if (start > last) out.push(text(value.slice(last, start), format));
    out.push({ kind: 'link', url, children: [text(url, format)] });
    last = start + url.length;
  }
  if (last < value.length) out.push(text(value.slice(last), format));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing the body as Lexical JSON

type Block = StoryDocument['root']['children'][number];
type LexicalInline = Record<string, unknown>;

function lexicalInlines(inlines: readonly DraftInline[]): LexicalInline[] {
  const out: LexicalInline[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      const format = inline.format & (BOLD | ITALIC);
      const last = out[out.length - 1];
      // Runs split only by a note marker are one run again.
      if (last?.type === 'text' && last.format === format) last.text = `${last.text as string}${inline.text}`;
      else out.push({ type: 'text', version: 1, text: inline.text, format, detail: 0, mode: 'normal', style: '' });
    } else if (inline.kind === 'break') {
      out.push({ type: 'linebreak', version: 1 });
    } else if (inline.kind === 'link') {
      out.push({
        type: 'link',
        version: 1,
        url: inline.url,
        rel: 'noreferrer',
        target: null,
        title: null,
        direction: null,
        format: '',
        indent: 0,
        children: lexicalInlines(inline.children.filter((c) => c.kind !== 'link')),
      });
    }
  }
  return out;
}

const blockBase = { version: 1, direction: null, format: '', indent: 0 };

/** Lists nest at most this deep in the body: the stored document has a depth limit. */
const MAX_LIST_NESTING = 4;

/** The items of a list and of every list inside it, in order: for lists nested too deep. */
function flattenItems(list: DraftList): DraftListItem[] {
  return list.items.flatMap((item) => [{ inlines: item.inlines, lists: [] }, ...item.lists.flatMap(flattenItems)]);
}

function lexicalList(list: DraftList, indent: number): Record<string, unknown> {
  const children: Record<string, unknown>[] = [];
  let value = 1;
  const items = indent >= MAX_LIST_NESTING ? flattenItems(list) : list.items;
  for (const item of items) {
    children.push({ type: 'listitem', ...blockBase, indent, value, children: lexicalInlines(item.inlines) });
    // Lexical keeps a nested list in a list item of its own, after the item it belongs to.
    for (const nested of item.lists) {
      children.push({ type: 'listitem', ...blockBase, indent, value: value + 1, children: [lexicalList(nested, indent + 1)] });
    }
    value += 1;
  }
  return { type: 'list', ...blockBase, indent, listType: list.ordered ? 'number' : 'bullet', start: 1, tag: list.ordered ? 'ol' : 'ul', children };
}

function lexicalBlock(block: DraftBlock): Block {
  switch (block.kind) {
    case 'paragraph':
      return { type: 'paragraph', ...blockBase, textFormat: 0, textStyle: '', children: lexicalInlines(block.inlines) } as Block;
    case 'heading':
      return { type: 'heading', ...blockBase, tag: block.level === 3 ? 'h3' : 'h2', children: lexicalInlines(block.inlines) } as Block;
    case 'quote':
      return { type: 'quote', ...blockBase, children: lexicalInlines(block.inlines) } as Block;
    case 'list':
      return lexicalList(block, 0) as Block;
    case 'photo':
      return block.node;
  }
}

/**
 * About how many characters of JSON the body will take, from its text and node count: a file far
 * over the store's limit is refused before its document is built and validated.
 */
export function estimateBodyChars(blocks: readonly DraftBlock[]): number {
  const runs = (inlines: readonly DraftInline[]): number =>
    inlines.reduce((sum, i) => sum + (i.kind === 'text' ? i.text.length + 110 : i.kind === 'link' ? 150 + runs(i.children) : 30), 0);
  const list = (l: DraftList): number => l.items.reduce((sum, item) => sum + 100 + runs(item.inlines) + item.lists.reduce((s, n) => s + list(n), 0), 100);
  return blocks.reduce((sum, b) => sum + 100 + (b.kind === 'photo' ? b.node.caption.length + b.node.alt.length + 200 : b.kind === 'list' ? list(b) : runs(b.inlines)), 0);
}

/** The body as a story document; an empty draft gives one empty paragraph, as a new story has. */
export function toStoryDocument(blocks: readonly DraftBlock[]): StoryDocument {
  const children = blocks.map(lexicalBlock);
  if (children.length === 0) children.push(lexicalBlock({ kind: 'paragraph', inlines: [] }));
  return parseStoryDocument({ root: { type: 'root', ...blockBase, children } });
}

// ---------------------------------------------------------------------------------------------
// What each format's reader hands to the shaping step

export interface DraftNote {
  /** Matches the `ref` of the inline marker that points at it. */
  ref: string;
  kind: 'footnote' | 'comment';
  text: string;
  author?: string;
}

export interface DraftPicture {
  bytes: Uint8Array;
  contentType: string;
}

export interface Draft {
  blocks: DraftBlock[];
  notes: DraftNote[];
  pictures: DraftPicture[];
  removed: { text: string; why: string }[];
  /** Markup left out while sanitising, counted by kind. */
  dropped: Map<string, number>;
  warnings: string[];
  /** `<title>`, used when the body has no headline of its own. */
  title?: string;
  /** `<html lang>`. */
  language?: string;
}

export function emptyDraft(): Draft {
  return { blocks: [], notes: [], pictures: [], removed: [], dropped: new Map(), warnings: [] };
}

export function countDropped(draft: Pick<Draft, 'dropped'>, what: string, count = 1): void {
  draft.dropped.set(what, (draft.dropped.get(what) ?? 0) + count);
}

/** Adds a warning once: a file with forty tables gets one line about tables. */
export function warnOnce(draft: Pick<Draft, 'warnings'>, warning: string): void {
  if (!draft.warnings.includes(warning)) draft.warnings.push(warning);
}

/** Pictures written into the file itself (`data:image/png;base64,…`), decoded; others null. */
export function decodeDataUri(src: string, maxBytes: number): DraftPicture | null {
  const match = /^data:(image\/(?:png|jpe?g|gif|webp|avif|tiff));base64,([A-Za-z0-9+/=\s]+)$/i.exec(src.trim());
  if (!match) return null;
  const base64 = (match[2] as string).replace(/\s+/g, '');
  if ((base64.length * 3) / 4 > maxBytes) return null;
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return { bytes, contentType: (match[1] as string).toLowerCase().replace('jpg', 'jpeg') };
  } catch {
    return null;
  }
}

function tidyList(list: DraftList, collapse: boolean): DraftList {
  return {
    ...list,
    items: list.items
      .map((item) => ({ inlines: tidyInlines(item.inlines, collapse), lists: item.lists.map((l) => tidyList(l, collapse)).filter((l) => l.items.length > 0) }))
      .filter((item) => inlineText(item.inlines).trim() !== '' || item.lists.length > 0),
  };
}

/** The block tidied (see `tidyInlines`), or null when nothing is left of it. */
export function tidyBlock(block: DraftBlock, collapse: boolean): DraftBlock | null {
  if (block.kind === 'photo') return block;
  if (block.kind === 'list') {
    const list = tidyList(block, collapse);
    return list.items.length > 0 ? list : null;
  }
  const inlines = tidyInlines(block.inlines, collapse);
  return inlineText(inlines).trim() === '' && !inlines.some((i) => i.kind === 'note') ? null : { ...block, inlines };
}

export function tidyBlocks(blocks: readonly DraftBlock[], collapse: boolean): DraftBlock[] {
  return blocks.map((b) => tidyBlock(b, collapse)).filter((b): b is DraftBlock => b !== null);
}
