/**
 * HTML into a story draft, sanitised by construction: the walk builds new blocks from the few
 * elements a story has (paragraphs, subheads, quotes, lists, links, bold, italic, line breaks,
 * pictures) and copies no attribute but a safe link's address and a picture's alt text. Scripts,
 * styles, frames, forms, navigation, footers and asides are left out with their content, and
 * every kind of thing left out is counted for the report.
 */
import { emptyPhotoNode, isSafeUrl } from '../../../common/document.js';
import { hasCredit } from '../../../common/photo.js';
import { trimLeftovers } from './boilerplate.js';
import { splitCaptionCredit } from './credit.js';
import {
  BOLD,
  ITALIC,
  countDropped,
  decodeDataUri,
  emptyDraft,
  inlineText,
  text,
  tidyBlocks,
  warnOnce,
  type Draft,
  type DraftBlock,
  type DraftInline,
  type DraftList,
  type DraftListItem,
} from './draft.js';
import { parseHtml, textContent, type HtmlElement, type HtmlNode } from './htmlParser.js';

export interface HtmlOptions {
  /** Fold runs of spaces as a browser shows them (web pages); Word's HTML keeps typed spaces. */
  collapseWhitespace: boolean;
  /** Pictures Word handed over, by `src` ("newsroom-picture:0"). */
  wordPictures?: ReadonlyMap<string, number>;
}

const MAX_PICTURE_BYTES = 60 * 1024 * 1024;

/** Left out with everything inside them. */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea',
  'nav', 'footer', 'aside', 'noscript', 'template', 'svg', 'math', 'canvas', 'video', 'audio', 'map', 'dialog', 'link', 'meta',
  'base', 'head', 'title', 'menu', 'portal', 'slot',
]);
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'hgroup', 'center', 'address', 'details', 'summary', 'body', 'html', 'dl',
  'dt', 'dd', 'pre', 'fieldset', 'legend', 'caption', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'figcaption', 'img', 'picture', '#document',
]);
/** Word's note references and the notes themselves, as mammoth writes them. */
const NOTE_ID = /^(footnote|endnote|comment)-(.+)$/;

type Kind = 'paragraph' | 'quote' | 'heading1' | 'heading2' | 'heading3';

interface Walk {
  draft: Draft;
  options: HtmlOptions;
  blocks: DraftBlock[];
  /** The paragraph being filled, opened by the first inline content. */
  open: DraftInline[] | null;
  openKind: Kind;
  /** Pictures met inside the open paragraph: they follow it rather than split it. */
  deferred: DraftBlock[];
}

/** Document metadata, not copy: left out without being counted (what it holds is). */
const METADATA = new Set(['head', 'title', 'meta', 'link', 'base']);

function drop(walk: Walk, el: HtmlElement): void {
  if (!METADATA.has(el.tag)) countDropped(walk.draft, `${el.tag} element`);
  const within = (node: HtmlElement) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (DROP.has(child.tag) && !METADATA.has(child.tag)) countDropped(walk.draft, `${child.tag} element`);
      within(child);
    }
  };
  within(el);
}

function attributesSeen(walk: Walk, el: HtmlElement): void {
  for (const name of el.attrs.keys()) {
    if (name.startsWith('on')) countDropped(walk.draft, 'event handler attribute (on…)');
    else if (name === 'style') countDropped(walk.draft, 'style attribute');
    else if (name === 'class') countDropped(walk.draft, 'class attribute');
  }
}

function flush(walk: Walk): void {
  const inlines = walk.open;
  walk.open = null;
  if (inlines !== null && (inlineText(inlines).trim() !== '' || inlines.some((i) => i.kind === 'note'))) paragraph(walk, inlines);
  walk.blocks.push(...walk.deferred.splice(0));
}

function paragraph(walk: Walk, inlines: DraftInline[]): void {
  switch (walk.openKind) {
    case 'quote':
      walk.blocks.push({ kind: 'quote', inlines });
      break;
    case 'heading1':
      walk.blocks.push({ kind: 'heading', level: 1, inlines });
      break;
    case 'heading2':
      walk.blocks.push({ kind: 'heading', level: 2, inlines });
      break;
    case 'heading3':
      walk.blocks.push({ kind: 'heading', level: 3, inlines });
      break;
    default:
      walk.blocks.push({ kind: 'paragraph', inlines });
  }
}

function emit(walk: Walk, kind: Kind, inline: DraftInline): void {
  if (walk.open === null) {
    walk.open = [];
    walk.openKind = kind;
  }
  walk.open.push(inline);
}

function noteRef(el: HtmlElement): string | null {
  const href = el.attrs.get('href') ?? '';
  const id = el.attrs.get('id') ?? '';
  const target = /^#(.+)$/.exec(href)?.[1] ?? '';
  return NOTE_ID.test(target) && /-ref-/.test(id) ? target : null;
}

function isBackLink(el: HtmlElement): boolean {
  return el.tag === 'a' && /^#(?:footnote|endnote|comment)-ref-/.test(el.attrs.get('href') ?? '');
}

/** Inline content of `node` into the open paragraph of kind `kind`. */
function inline(walk: Walk, node: HtmlNode, kind: Kind, format: number, link: string | null): void {
  if (node.type === 'text') {
    if (node.text !== '') emit(walk, kind, text(node.text, format));
    return;
  }
  const el = node;
  if (DROP.has(el.tag)) {
    drop(walk, el);
    return;
  }
  if (el.tag === 'img') {
    image(walk, el);
    return;
  }
  if (BLOCKS.has(el.tag)) {
    // A block inside inline markup (<a><div>…</div></a>): the paragraph breaks around it.
    flush(walk);
    block(walk, el, kind === 'quote' ? 'quote' : 'paragraph');
    return;
  }
  attributesSeen(walk, el);
  switch (el.tag) {
    case 'br':
      emit(walk, kind, { kind: 'break' });
      return;
    case 'b':
    case 'strong':
      for (const child of el.children) inline(walk, child, kind, format | BOLD, link);
      return;
    case 'i':
    case 'em':
    case 'cite':
    case 'dfn':
      for (const child of el.children) inline(walk, child, kind, format | ITALIC, link);
      return;
    case 'a': {
      const ref = noteRef(el);
      if (ref !== null) {
        emit(walk, kind, { kind: 'note', ref });
        return;
      }
      if (isBackLink(el)) return;
      const href = (el.attrs.get('href') ?? '').trim();
      if (link !== null || href === '' || (href.startsWith('#') && href.length === 1)) {
        for (const child of el.children) inline(walk, child, kind, format, link);
        return;
      }
      if (!isSafeUrl(href) || href.startsWith('#')) {
        if (/^(?:[a-z][a-z0-9+.-]*:)/i.test(href)) countDropped(walk.draft, 'link that is not a web or mail address (text kept)');
        else if (!href.startsWith('#')) countDropped(walk.draft, 'link without a full address, relative to its page (text kept)');
        for (const child of el.children) inline(walk, child, kind, format, link);
        return;
      }
      const holder: Walk = { ...walk, open: [], openKind: kind };
      for (const child of el.children) inline(holder, child, kind, format, href);
      const children = (holder.open ?? []).filter((c) => c.kind === 'text' || c.kind === 'break');
      if (children.length > 0) emit(walk, kind, { kind: 'link', url: href, children });
      return;
    }
    default:
      // span, font, u, small, sup, mark, abbr, time, code…: the words stay, the markup goes.
      for (const child of el.children) inline(walk, child, kind, format, link);
  }
}

function headingKind(tag: string): Kind {
  if (tag === 'h1') return 'heading1';
  if (tag === 'h2') return 'heading2';
  return 'heading3';
}

/** A picture: its alt text, and the bytes when the file carries them (Word, data: URIs). */
function picture(walk: Walk, img: HtmlElement, caption: string): DraftBlock {
  const node = emptyPhotoNode('');
  node.alt = (img.attrs.get('alt') ?? '').trim().slice(0, 2_000);
  const found = caption === '' ? null : splitCaptionCredit(caption);
  node.caption = (found ? found.caption : caption).slice(0, 5_000);
  if (found) node.credit = found.credit;
  const src = (img.attrs.get('src') ?? '').trim();
  const word = walk.options.wordPictures?.get(src);
  if (word !== undefined) return word >= 0 ? { kind: 'photo', node, picture: word } : { kind: 'photo', node };
  const embedded = decodeDataUri(src, MAX_PICTURE_BYTES);
  if (embedded) return { kind: 'photo', node, picture: walk.draft.pictures.push(embedded) - 1 };
  walk.draft.warnings.push(
    src === '' || src.startsWith('data:')
      ? 'A picture in the file could not be read: a photo placeholder waits for it in the story'
      : `Picture "${src.slice(0, 200)}" is not inside the file: a photo placeholder waits for it in the story`,
  );
  return { kind: 'photo', node };
}

function image(walk: Walk, el: HtmlElement): void {
  if (walk.open !== null && inlineText(walk.open).trim() !== '') {
    walk.deferred.push(picture(walk, el, ''));
  } else {
    flush(walk);
    walk.blocks.push(picture(walk, el, ''));
  }
}

function findAll(el: HtmlElement, tag: string, out: HtmlElement[] = []): HtmlElement[] {
  for (const child of el.children) {
    if (child.type !== 'element' || DROP.has(child.tag)) continue;
    if (child.tag === tag) out.push(child);
    else findAll(child, tag, out);
  }
  return out;
}

function figure(walk: Walk, el: HtmlElement, kind: Kind): void {
  const images = findAll(el, 'img');
  if (images.length === 0) {
    for (const child of el.children) block(walk, child, kind);
    return;
  }
  const captionEl = findAll(el, 'figcaption')[0];
  const caption = captionEl ? textContent(captionEl).replace(/\s+/g, ' ').trim() : '';
  flush(walk);
  images.forEach((img, i) => walk.blocks.push(picture(walk, img, i === 0 ? caption : '')));
}

/** The inline content of a list item, a cell or a note: nested blocks become line breaks. */
function inlinesOf(walk: Walk, el: HtmlElement, skip: (child: HtmlElement) => boolean = () => false): DraftInline[] {
  const sub: Walk = { draft: walk.draft, options: walk.options, blocks: [], open: null, openKind: 'paragraph', deferred: [] };
  for (const child of el.children) {
    if (child.type === 'element' && skip(child)) continue;
    block(sub, child, 'paragraph');
  }
  flush(sub);
  const out: DraftInline[] = [];
  for (const b of sub.blocks) {
    if (b.kind === 'photo') {
      walk.blocks.push(b);
      continue;
    }
    if (b.kind === 'list') {
      warnOnce(walk.draft, 'A list inside a table or note was flattened: check it');
      for (const item of b.items) {
        if (out.length > 0) out.push({ kind: 'break' });
        out.push(...item.inlines);
      }
      continue;
    }
    if (out.length > 0) out.push({ kind: 'break' });
    out.push(...b.inlines);
  }
  return out;
}

function list(walk: Walk, el: HtmlElement): DraftList {
  const result: DraftList = { kind: 'list', ordered: el.tag === 'ol', items: [] };
  for (const child of el.children) {
    if (child.type === 'text') {
      if (child.text.trim() !== '') result.items.push({ inlines: [text(child.text)], lists: [] });
      continue;
    }
    if (DROP.has(child.tag)) {
      drop(walk, child);
      continue;
    }
    if (child.tag === 'ul' || child.tag === 'ol') {
      const last = result.items[result.items.length - 1];
      if (last) last.lists.push(list(walk, child));
      else result.items.push({ inlines: [], lists: [list(walk, child)] });
      continue;
    }
    const nested = child.tag === 'li' ? child.children.filter((c): c is HtmlElement => c.type === 'element' && (c.tag === 'ul' || c.tag === 'ol')) : [];
    const item: DraftListItem = {
      inlines: inlinesOf(walk, child, (c) => c.tag === 'ul' || c.tag === 'ol'),
      lists: nested.map((n) => list(walk, n)),
    };
    if (item.inlines.length > 0 || item.lists.length > 0) result.items.push(item);
  }
  return result;
}

function table(walk: Walk, el: HtmlElement): void {
  flush(walk);
  for (const row of findAll(el, 'tr')) {
    const cells = row.children.filter((c): c is HtmlElement => c.type === 'element' && (c.tag === 'td' || c.tag === 'th'));
    const inlines: DraftInline[] = [];
    for (const cell of cells) {
      const content = inlinesOf(walk, cell).map((i) => (i.kind === 'break' ? text(' ') : i));
      if (inlineText(content).trim() === '') continue;
      if (inlines.length > 0) inlines.push(text(' | '));
      inlines.push(...content);
    }
    if (inlineText(inlines).trim() !== '') walk.blocks.push({ kind: 'paragraph', inlines });
  }
  warnOnce(walk.draft, 'A table was flattened: each row is now a paragraph with its cells separated by " | "; check it');
}

/** The notes Word's HTML lists at the end: `<li id="footnote-1">`, `<dt id="comment-0">` + `<dd>`. */
function notes(walk: Walk, el: HtmlElement): boolean {
  if (el.tag === 'ol' || el.tag === 'ul') {
    const items = el.children.filter((c): c is HtmlElement => c.type === 'element');
    if (items.length === 0 || !items.every((li) => li.tag === 'li' && NOTE_ID.test(li.attrs.get('id') ?? ''))) return false;
    for (const li of items) {
      const id = li.attrs.get('id') as string;
      const kind = id.startsWith('comment') ? 'comment' : 'footnote';
      walk.draft.notes.push({ ref: id, kind, text: inlineText(inlinesOf(walk, li, isBackLink)).replace(/\s+/g, ' ').trim() });
    }
    return true;
  }
  if (el.tag === 'dl') {
    const items = el.children.filter((c): c is HtmlElement => c.type === 'element');
    if (!items.some((c) => c.tag === 'dt' && NOTE_ID.test(c.attrs.get('id') ?? ''))) return false;
    for (let i = 0; i < items.length; i += 1) {
      const dt = items[i] as HtmlElement;
      const id = dt.attrs.get('id') ?? '';
      if (dt.tag !== 'dt' || !NOTE_ID.test(id)) continue;
      const dd = items[i + 1]?.tag === 'dd' ? (items[i + 1] as HtmlElement) : null;
      const label = /\[([^\]]+)\]/.exec(textContent(dt))?.[1] ?? '';
      const author = label.replace(/\d+$/, '');
      walk.draft.notes.push({
        ref: id,
        kind: 'comment',
        text: dd ? inlineText(inlinesOf(walk, dd, isBackLink)).replace(/\s+/g, ' ').trim() : '',
        ...(author !== '' ? { author } : {}),
      });
    }
    return true;
  }
  return false;
}

/** "Storm hits coast | Example News" → "Storm hits coast": a page title ends with the site's name. */
function pageTitle(el: HtmlElement): string {
  const title = textContent(el).replace(/\s+/g, ' ').trim();
  const parts = title.split(/\s+[|–—-]\s+/);
  return parts.length > 1 && (parts[0] as string).split(' ').length >= 2 ? (parts[0] as string) : title;
}

function block(walk: Walk, node: HtmlNode, kind: Kind): void {
  if (node.type === 'text') {
    // Whitespace between blocks is layout, not copy.
    if (walk.open !== null || node.text.trim() !== '') inline(walk, node, kind, 0, null);
    return;
  }
  const el = node;
  if (DROP.has(el.tag)) {
    if (el.tag === 'title' && walk.draft.title === undefined) walk.draft.title = pageTitle(el);
    if (el.tag === 'head') {
      const title = el.children.find((c): c is HtmlElement => c.type === 'element' && c.tag === 'title');
      if (title) walk.draft.title = pageTitle(title);
    }
    drop(walk, el);
    return;
  }
  if (!BLOCKS.has(el.tag)) {
    inline(walk, el, kind, 0, null);
    return;
  }
  attributesSeen(walk, el);
  if (el.tag === 'html') {
    const lang = (el.attrs.get('lang') ?? '').trim();
    if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) walk.draft.language = lang;
  }
  switch (el.tag) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      flush(walk);
      const headingKindValue = kind === 'quote' ? 'quote' : headingKind(el.tag);
      for (const child of el.children) inline(walk, child, headingKindValue, 0, null);
      flush(walk);
      return;
    }
    case 'blockquote':
      flush(walk);
      for (const child of el.children) block(walk, child, 'quote');
      flush(walk);
      return;
    case 'ul':
    case 'ol':
      flush(walk);
      if (notes(walk, el)) return;
      {
        const result = list(walk, el);
        if (result.items.length > 0) walk.blocks.push(result);
      }
      return;
    case 'dl':
      flush(walk);
      if (notes(walk, el)) return;
      for (const child of el.children) block(walk, child, kind);
      flush(walk);
      return;
    case 'table':
      table(walk, el);
      return;
    case 'figure':
      flush(walk);
      figure(walk, el, kind);
      return;
    case 'img':
      image(walk, el);
      return;
    case 'hr':
      flush(walk);
      countDropped(walk.draft, 'horizontal rule');
      return;
    case 'pre': {
      flush(walk);
      const lines = textContent(el).replace(/^\n/, '').replace(/\n$/, '').split('\n');
      const inlines: DraftInline[] = [];
      lines.forEach((line, i) => {
        if (i > 0) inlines.push({ kind: 'break' });
        if (line !== '') inlines.push(text(line));
      });
      if (inlines.length > 0) walk.blocks.push(kind === 'quote' ? { kind: 'quote', inlines } : { kind: 'paragraph', inlines });
      return;
    }
    default:
      // p, div, section, li outside a list, td outside a table…: a paragraph boundary around its content.
      flush(walk);
      for (const child of el.children) block(walk, child, kind);
      flush(walk);
  }
}

function unitText(block: DraftBlock): string {
  if (block.kind === 'photo') return block.node.caption;
  if (block.kind === 'list') return block.items.map((i) => inlineText(i.inlines)).join(' ');
  return inlineText(block.inlines);
}

function shortUnit(block: DraftBlock): boolean {
  if (block.kind === 'photo') return true;
  if (block.kind === 'list') return block.items.every((i) => inlineText(i.inlines).trim().length <= 160);
  return inlineText(block.inlines).trim().length <= 120;
}

export function draftFromHtml(html: string, options: HtmlOptions): Draft {
  const draft = emptyDraft();
  const walk: Walk = { draft, options, blocks: [], open: null, openKind: 'paragraph', deferred: [] };
  block(walk, parseHtml(html), 'paragraph');
  flush(walk);
  // A lone credit line right after a picture ("Photo: Name/Agency") belongs to it.
  const blocks: DraftBlock[] = [];
  for (const b of tidyBlocks(walk.blocks, options.collapseWhitespace)) {
    const previous = blocks[blocks.length - 1];
    if (b.kind === 'paragraph' && previous?.kind === 'photo' && !hasCredit(previous.node.credit)) {
      const found = splitCaptionCredit(inlineText(b.inlines).replace(/\s+/g, ' ').trim());
      if (found && found.caption === '') {
        previous.node = { ...previous.node, credit: found.credit };
        continue;
      }
    }
    blocks.push(b);
  }
  const tail = trimLeftovers(blocks, unitText, shortUnit);
  draft.removed.push(...tail.removed);
  draft.blocks = blocks.slice(0, tail.cut);
  return draft;
}
