/**
 * Markdown as reporters and web tools write it: ATX and setext headings, paragraphs, `>` quotes,
 * nested lists, emphasis, links (inline and by reference), images with a credit in the title,
 * footnotes (`[^1]`), fenced code and pipe tables (kept as text, with a warning). Inline HTML goes
 * through the HTML reader, so it is sanitised the same way.
 */
import { emptyPhotoNode, isSafeUrl } from '../../../common/document.js';
import { trimLeftovers } from './boilerplate.js';
import { parseCredit, splitCaptionCredit } from './credit.js';
import {
  BOLD,
  ITALIC,
  autolink,
  countDropped,
  decodeDataUri,
  emptyDraft,
  inlineText,
  text,
  warnOnce,
  wholly,
  type Draft,
  type DraftBlock,
  type DraftInline,
  type DraftList,
  type DraftListItem,
} from './draft.js';
import { draftFromHtml } from './html.js';
import { splitLines } from './text.js';

const MAX_PICTURE_BYTES = 60 * 1024 * 1024;
/** Lists nested deeper than this are read as lines of the deepest item: no story needs more. */
const MAX_LIST_DEPTH = 8;

interface MarkdownImage {
  alt: string;
  src: string;
  title: string;
}

interface Context {
  draft: Draft;
  refs: Map<string, { url: string; title: string }>;
  images: MarkdownImage[];
  depth: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)(.*)$/;
const HTML_BLOCK = /^ {0,3}(?:<!--|<\/?[a-zA-Z][\w-]*(?:\s|\/?>|$))/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const REF_DEF = /^ {0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?(?:\s+["'(](.*)["')])?\s*$/;
const NOTE_DEF = /^ {0,3}\[\^([^\]]+)\]:\s*(.*)$/;

function indentOf(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === ' ') width += 1;
    else if (c === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Block syntax is short: a longer line is a paragraph's text (and is not run through these patterns). */
const MAX_SYNTAX_LINE = 1_000;

function startsBlock(line: string): boolean {
  if (line.length > MAX_SYNTAX_LINE) return false;
  return FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || HTML_BLOCK.test(line) || /^\s*(?:[-*+]|1[.)])\s+\S/.test(line);
}

// ---------------------------------------------------------------------------------------------
// Inline

/**
 * Where every delimiter of a paragraph closes, found in one pass, so a paragraph of ten thousand
 * unmatched `*` or `[` costs a lookup each, not a scan to the end each.
 */
interface Delimiters {
  brackets: Map<number, number>;
  /** Emphasis runs that can close, by marker and run length ("*1", "_2"), in order. */
  closers: Map<string, number[]>;
  /** Backtick runs by length, in order. */
  ticks: Map<number, number[]>;
}

function scanDelimiters(src: string): Delimiters {
  const brackets = new Map<number, number>();
  const closers = new Map<string, number[]>();
  const ticks = new Map<number, number[]>();
  const open: number[] = [];
  const add = <K>(map: Map<K, number[]>, key: K, at: number) => {
    const list = map.get(key);
    if (list) list.push(at);
    else map.set(key, [at]);
  };
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '[') {
      open.push(i);
    } else if (c === ']') {
      const from = open.pop();
      if (from !== undefined) brackets.set(from, i);
    } else if (c === '*' || c === '_' || c === '`') {
      const run = emphasisRun(src, i);
      if (c === '`') add(ticks, run, i);
      else if (!/\s/.test(src[i - 1] ?? ' ') && !(c === '_' && /[\p{L}\p{N}]/u.test(src[i + run] ?? ' '))) add(closers, `${c}${run}`, i);
      i += run - 1;
    }
  }
  return { brackets, closers, ticks };
}

/** The first position in the sorted `list` at or after `from` and before `to`, or -1. */
function firstBetween(list: readonly number[] | undefined, from: number, to: number): number {
  if (!list) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  const found = list[lo];
  return found !== undefined && found < to ? found : -1;
}

/** `(url "title")` right after a `]`: the destination, title and where it ends (within 2,000 characters). */
function destination(src: string, at: number): { url: string; title: string; end: number } | null {
  if (src[at] !== '(') return null;
  const match = /^\(\s*(?:<([^>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))(?:\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?\s*\)/.exec(src.slice(at, at + 2_000));
  if (!match) return null;
  return { url: (match[1] ?? match[2] ?? '').trim(), title: match[3] ?? match[4] ?? match[5] ?? '', end: at + match[0].length };
}

function emphasisRun(src: string, at: number): number {
  let n = 0;
  while (src[at + n] === src[at]) n += 1;
  return n;
}

/** The longest link label CommonMark reads. */
const MAX_LABEL_CHARS = 999;

/** Past this depth of emphasis inside links inside emphasis…, markers are just text. */
const MAX_INLINE_DEPTH = 16;

export function parseInlines(src: string, format: number, ctx: Context): DraftInline[] {
  return parseRange(src, scanDelimiters(src), 0, src.length, format, ctx, 0);
}

function parseRange(src: string, delimiters: Delimiters, from: number, to: number, format: number, ctx: Context, depth: number): DraftInline[] {
  if (depth > MAX_INLINE_DEPTH) return autolink(src.slice(from, to), format);
  const out: DraftInline[] = [];
  // Text waiting for the next inline, in pieces: a string grown with += is a rope that reading its
  // last character flattens, once per line of a long paragraph (quadratic, issue 11).
  let buffer: string[] = [];
  const flush = () => {
    const value = buffer.join('');
    if (value !== '') out.push(...autolink(value, format));
    buffer = [];
  };
  const literal = (value: string) => {
    buffer.push(value);
  };
  /** Drops the spaces the waiting text ends with and says how many there were. */
  const trimTrailingSpaces = (): number => {
    let spaces = 0;
    while (buffer.length > 0) {
      const last = buffer[buffer.length - 1] as string;
      let keep = last.length;
      while (keep > 0 && last.charCodeAt(keep - 1) === 32) keep -= 1;
      spaces += last.length - keep;
      if (keep > 0) {
        buffer[buffer.length - 1] = last.slice(0, keep);
        break;
      }
      buffer.pop();
    }
    return spaces;
  };
  let i = from;
  while (i < to) {
    const c = src[i] as string;
    const next = i + 1 < to ? (src[i + 1] as string) : '';
    if (c === '\\' && next === '\n') {
      flush();
      out.push({ kind: 'break' });
      i += 2;
    } else if (c === '\\' && /[!-/:-@[-`{-~]/.test(next)) {
      literal(next);
      i += 2;
    } else if (c === '\n') {
      // Trailing spaces counted from the end: a `/ +$/` test scans the whole buffer at every line.
      if (trimTrailingSpaces() >= 2) {
        flush();
        out.push({ kind: 'break' });
      } else {
        literal(' ');
      }
      i += 1;
      while (i < to && src[i] === ' ') i += 1;
    } else if (c === '`') {
      const run = emphasisRun(src, i);
      const end = firstBetween(delimiters.ticks.get(run), i + run, to);
      if (end < 0) {
        literal('`'.repeat(run));
        i += run;
      } else {
        literal(src.slice(i + run, end).replace(/^ (.*) $/s, '$1'));
        i = end + run;
      }
    } else if (c === '!' && next === '[') {
      const close = delimiters.brackets.get(i + 1) ?? -1;
      const dest = close >= 0 && close < to ? destination(src, close + 1) : null;
      if (dest && dest.end <= to) {
        ctx.images.push({ alt: inlineText(parseRange(src, delimiters, i + 2, close, 0, ctx, depth + 1)), src: dest.url, title: dest.title });
        i = dest.end;
      } else {
        literal(c);
        i += 1;
      }
    } else if (c === '[' && next === '^') {
      const close = delimiters.brackets.get(i) ?? -1;
      if (close > i + 2 && close < to) {
        flush();
        out.push({ kind: 'note', ref: `md-${src.slice(i + 2, close)}` });
        i = close + 1;
      } else {
        literal(c);
        i += 1;
      }
    } else if (c === '[') {
      const close = delimiters.brackets.get(i) ?? -1;
      if (close < 0 || close >= to) {
        literal(c);
        i += 1;
        continue;
      }
      let dest = destination(src, close + 1);
      // A reference label is at most 999 characters (CommonMark): a longer bracket's text is not
      // looked up, so nested brackets do not each copy everything inside them (quadratic, issue 11).
      if (!dest) {
        const ref = /^\[([^\]]*)\]/.exec(src.slice(close + 1, close + 1_000));
        const label = ref && ref[1] !== '' ? (ref[1] as string) : close - i <= MAX_LABEL_CHARS ? src.slice(i + 1, close) : null;
        const found = label === null ? undefined : ctx.refs.get(label.trim().toLowerCase());
        if (found) dest = { url: found.url, title: found.title, end: close + 1 + (ref ? ref[0].length : 0) };
      }
      if (!dest || dest.end > to) {
        literal(c);
        i += 1;
        continue;
      }
      flush();
      const children = parseRange(src, delimiters, i + 1, close, format, ctx, depth + 1).flatMap((child) => (child.kind === 'link' ? child.children : [child]));
      if (isSafeUrl(dest.url)) {
        out.push({ kind: 'link', url: dest.url, children });
      } else {
        countDropped(ctx.draft, 'link that is not a web or mail address (text kept)');
        out.push(...children);
      }
      i = dest.end;
    } else if (c === '<') {
      const window = src.slice(i, Math.min(to, i + 2_000));
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(window);
      const tag = /^<\/?([a-zA-Z][\w-]*)(?:\s[^<>]*)?\/?>/.exec(window);
      if (auto && isSafeUrl(auto[1] as string)) {
        flush();
        out.push({ kind: 'link', url: auto[1] as string, children: [text((auto[1] as string).replace(/^mailto:/i, ''), format)] });
        i += auto[0].length;
      } else if (tag) {
        // Inline HTML in Markdown: a line break is kept, other tags are left out, their text stays.
        if ((tag[1] as string).toLowerCase() === 'br') {
          flush();
          out.push({ kind: 'break' });
        } else {
          countDropped(ctx.draft, `inline HTML tag <${(tag[1] as string).toLowerCase()}>`);
        }
        i += tag[0].length;
      } else {
        literal(c);
        i += 1;
      }
    } else if (c === '*' || c === '_') {
      const run = Math.min(emphasisRun(src, i), to - i);
      const length = Math.min(run, 3);
      const before = src[i - 1] ?? ' ';
      const opens = i + run < to && !/\s/.test(src[i + run] as string) && !(c === '_' && /[\p{L}\p{N}]/u.test(before));
      const close = opens ? firstBetween(delimiters.closers.get(`${c}${length}`), i + run, to) : -1;
      if (close < 0) {
        literal(c.repeat(run));
        i += run;
        continue;
      }
      flush();
      const extra = c.repeat(run - length);
      if (extra !== '') out.push(text(extra, format));
      const added = length === 1 ? ITALIC : length === 2 ? BOLD : BOLD | ITALIC;
      out.push(...parseRange(src, delimiters, i + run, close, format | added, ctx, depth + 1));
      i = close + length;
    } else {
      literal(c);
      i += 1;
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Blocks

function imageBlock(image: MarkdownImage, ctx: Context): DraftBlock {
  const node = emptyPhotoNode('');
  node.alt = image.alt.trim();
  node.caption = image.alt.trim();
  let picture: number | undefined;
  if (image.title.trim() !== '') {
    const credit = parseCredit(image.title);
    if (credit) node.credit = credit;
    else ctx.draft.warnings.push(`Picture title "${image.title.trim()}" was not read as a credit: check the photo's caption and credit`);
  }
  const embedded = decodeDataUri(image.src, MAX_PICTURE_BYTES);
  if (embedded) {
    picture = ctx.draft.pictures.push(embedded) - 1;
  } else {
    const name = image.src.startsWith('data:') ? 'an embedded picture Newsroom cannot read' : `"${image.src}"`;
    ctx.draft.warnings.push(`Picture ${name} is not inside the file: a photo placeholder waits for it in the story`);
  }
  return picture === undefined ? { kind: 'photo', node } : { kind: 'photo', node, picture };
}

/** A paragraph's inlines and the pictures it held; a paragraph of pictures alone is just pictures. */
function paragraphBlocks(lines: string[], ctx: Context): DraftBlock[] {
  ctx.images = [];
  const inlines = parseInlines(lines.map((l) => l.replace(/^\s+/, '')).join('\n'), 0, ctx);
  const images = ctx.images;
  ctx.images = [];
  const blocks: DraftBlock[] = [];
  if (inlineText(inlines).trim() !== '' || inlines.some((i) => i.kind === 'note')) {
    blocks.push({ kind: 'paragraph', inlines, lines: lines.length });
  }
  for (const image of images) blocks.push(imageBlock(image, ctx));
  return blocks;
}

function parseList(lines: string[], start: number, ctx: Context, depth = 0): { list: DraftList; next: number } {
  const first = ITEM.exec(lines[start] as string) as RegExpExecArray;
  const baseIndent = indentOf(first[1] as string);
  const ordered = /\d/.test(first[2] as string);
  const list: DraftList = { kind: 'list', ordered, items: [] };
  let i = start;
  while (i < lines.length) {
    const line = lines[i] as string;
    const item = ITEM.exec(line);
    if (!item || indentOf(item[1] as string) !== baseIndent || /\d/.test(item[2] as string) !== ordered) break;
    const contentIndent = baseIndent + (item[2] as string).length + Math.max(1, (item[3] as string).length);
    const own: string[] = [item[4] as string];
    const nested: DraftList[] = [];
    i += 1;
    while (i < lines.length) {
      const next = lines[i] as string;
      if (next.trim() === '') {
        // A blank line ends the item unless the list (or the item's text) goes on after it.
        const after = lines[i + 1];
        if (after !== undefined && after.trim() !== '' && (indentOf(after) >= contentIndent || ITEM.test(after))) {
          i += 1;
          continue;
        }
        break;
      }
      const sub = ITEM.exec(next);
      if (sub && indentOf(sub[1] as string) > baseIndent && depth < MAX_LIST_DEPTH) {
        const parsed = parseList(lines, i, ctx, depth + 1);
        nested.push(parsed.list);
        i = parsed.next;
        continue;
      }
      if ((sub && indentOf(sub[1] as string) <= baseIndent) || (indentOf(next) <= baseIndent && startsBlock(next))) break;
      own.push(next.trim());
      i += 1;
    }
    ctx.images = [];
    const inlines = parseInlines(own.join('\n'), 0, ctx);
    if (ctx.images.length > 0) warnOnce(ctx.draft, 'A picture inside a list item was left out: add it to the story as a photo');
    ctx.images = [];
    const entry: DraftListItem = { inlines, lists: nested };
    list.items.push(entry);
  }
  return { list, next: i };
}

function parseBlocks(lines: string[], ctx: Context): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const short = line.length <= MAX_SYNTAX_LINE;
    const fence = short ? FENCE.exec(line) : null;
    if (fence) {
      const marker = (fence[1] as string).charAt(0);
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !new RegExp(`^ {0,3}\\${marker}{${(fence[1] as string).length},}\\s*$`).test(lines[i] as string)) {
        body.push(lines[i] as string);
        i += 1;
      }
      i += 1;
      const inlines: DraftInline[] = [];
      body.forEach((l, n) => {
        if (n > 0) inlines.push({ kind: 'break' });
        if (l !== '') inlines.push(text(l));
      });
      if (inlines.length > 0) blocks.push({ kind: 'paragraph', inlines });
      warnOnce(ctx.draft, 'A code block was kept as plain text: check its layout');
      continue;
    }
    const atx = short ? ATX.exec(line) : null;
    if (atx) {
      const level = (atx[1] as string).length;
      const inlines = parseInlines((atx[2] ?? '').trim(), 0, ctx);
      if (inlineText(inlines).trim() !== '') blocks.push({ kind: 'heading', level: level === 1 ? 1 : level === 2 ? 2 : 3, inlines });
      i += 1;
      continue;
    }
    if (short && RULE.test(line)) {
      countDropped(ctx.draft, 'horizontal rule');
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) {
        inner.push((QUOTE.exec(lines[i] as string) as RegExpExecArray)[1] as string);
        i += 1;
      }
      ctx.depth += 1;
      const quoted = ctx.depth > 8 ? [] : parseBlocks(inner, ctx);
      ctx.depth -= 1;
      for (const block of quoted) {
        blocks.push(block.kind === 'paragraph' || block.kind === 'heading' ? { kind: 'quote', inlines: block.inlines } : block);
      }
      continue;
    }
    if (ITEM.test(line) && (ITEM.exec(line) as RegExpExecArray)[4] !== '') {
      const parsed = parseList(lines, i, ctx);
      blocks.push(parsed.list);
      i = parsed.next;
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      const html: string[] = [];
      while (i < lines.length && (lines[i] as string).trim() !== '') {
        html.push(lines[i] as string);
        i += 1;
      }
      const sub = draftFromHtml(html.join('\n'), { collapseWhitespace: true });
      blocks.push(...sub.blocks);
      ctx.draft.notes.push(...sub.notes);
      for (const picture of sub.pictures) ctx.draft.pictures.push(picture);
      for (const [what, count] of sub.dropped) countDropped(ctx.draft, what, count);
      for (const warning of sub.warnings) warnOnce(ctx.draft, warning);
      continue;
    }
    if (short && line.includes('|') && (lines[i + 1] ?? '').length <= MAX_SYNTAX_LINE && TABLE_RULE.test(lines[i + 1] ?? '') && (lines[i + 1] as string).includes('-')) {
      const rows = [line];
      i += 2;
      while (i < lines.length && (lines[i] as string).includes('|') && (lines[i] as string).trim() !== '') {
        rows.push(lines[i] as string);
        i += 1;
      }
      for (const row of rows) {
        const cells = row.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
        blocks.push({ kind: 'paragraph', inlines: parseInlines(cells.join(' | '), 0, ctx) });
      }
      warnOnce(ctx.draft, 'A table was flattened: each row is now a paragraph with its cells separated by " | "; check it');
      continue;
    }
    // A paragraph: lines until a blank line or the start of another block.
    const paragraph: string[] = [line];
    i += 1;
    while (i < lines.length && (lines[i] as string).trim() !== '' && !startsBlock(lines[i] as string)) {
      paragraph.push(lines[i] as string);
      i += 1;
    }
    const last = paragraph[paragraph.length - 1] as string;
    const setext = paragraph.length > 1 && last.length <= MAX_SYNTAX_LINE ? SETEXT.exec(last) : null;
    if (setext) {
      paragraph.pop();
      blocks.push({ kind: 'heading', level: (setext[1] as string).startsWith('=') ? 1 : 2, inlines: parseInlines(paragraph.join(' '), 0, ctx) });
      continue;
    }
    if ((lines[i] ?? '').length <= MAX_SYNTAX_LINE && /^ {0,3}-+\s*$/.test(lines[i] ?? '')) {
      // "Title\n---" right under a paragraph is a subhead (a setext heading), not a rule.
      blocks.push({ kind: 'heading', level: 2, inlines: parseInlines(paragraph.join(' '), 0, ctx) });
      i += 1;
      continue;
    }
    blocks.push(...paragraphBlocks(paragraph, ctx));
  }
  return blocks;
}

/** A picture followed by a wholly italic line takes that line as its caption (and any credit in it). */
function attachCaptions(blocks: DraftBlock[]): DraftBlock[] {
  const out: DraftBlock[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as DraftBlock;
    const next = blocks[i + 1];
    if (block.kind === 'photo' && next?.kind === 'paragraph' && wholly(next.inlines, ITALIC) && inlineText(next.inlines).length <= 600) {
      const value = inlineText(next.inlines).trim();
      const split = splitCaptionCredit(value);
      const node = { ...block.node, caption: split ? split.caption : value };
      if (split && node.credit.photographers.length === 0 && node.credit.agency === '') node.credit = split.credit;
      out.push({ ...block, node });
      i += 1;
      continue;
    }
    out.push(block);
  }
  return out;
}

export function draftFromMarkdown(source: string): Draft {
  const draft = emptyDraft();
  const ctx: Context = { draft, refs: new Map(), images: [], depth: 0 };
  let lines = splitLines(source);
  const tail = trimLeftovers(lines, (line) => line, (line) => line.trim().length <= 120);
  draft.removed.push(...tail.removed);
  lines = lines.slice(0, tail.cut);

  // Link definitions and footnotes first: they may be used above where they are written.
  const body: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const note = line.length <= MAX_SYNTAX_LINE ? NOTE_DEF.exec(line) : null;
    const ref = line.length <= MAX_SYNTAX_LINE ? REF_DEF.exec(line) : null;
    if (note) {
      const textLines = [note[2] as string];
      while (i + 1 < lines.length && /^(?: {2,}|\t)\S/.test(lines[i + 1] as string)) {
        textLines.push((lines[i + 1] as string).trim());
        i += 1;
      }
      draft.notes.push({ ref: `md-${note[1] as string}`, kind: 'footnote', text: inlineText(parseInlines(textLines.join(' '), 0, ctx)).trim() });
    } else if (ref) {
      ctx.refs.set((ref[1] as string).trim().toLowerCase(), { url: ref[2] as string, title: ref[3] ?? '' });
    } else {
      body.push(line);
    }
  }
  draft.blocks = attachCaptions(parseBlocks(body, ctx));
  return draft;
}
