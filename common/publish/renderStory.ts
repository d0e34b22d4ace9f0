/**
 * The published page of a story: one pure function from the stored story (fields + Lexical JSON)
 * and the photos' available sizes to a complete HTML document. The app's preview (a sandboxed
 * iframe, scripts off), the export and the CLI all call it, so what an editor previews is what is
 * published, byte for byte.
 *
 * It trusts nothing it is given: the body is walked as unknown JSON, so a document that bypassed
 * the validator still renders safely (unknown nodes are skipped, unsafe links become text, and
 * the HTML builder refuses anything scriptable). Output depends only on the input: no clock, no
 * locale, stable attribute and key order.
 */
import { isSafeUrl, parseStoryDocument, type StoryDocument } from '../document.js';
import { formatCredit, missingPhotoFields, PHOTO_FIELD_LABELS, type CreditFormat, type PhotoCredit } from '../photo.js';
import type { StoryState } from '../workflow.js';
import { datelineDate, longDate, parseIsoDate, parseIsoTimestamp } from './dates.js';
import { cleanText, el, escapeText, hasContent, isSafeImageUrl, jsonLd, serializeDocument, styleSheet, text, type HtmlElement, type HtmlNode } from './html.js';
import { newsArticle, toJsonValue, type ImageFacts, type NewsArticleLd } from './jsonLd.js';
import { typeset, typesetRuns, type TextRun } from './typography.js';

export type PublishMode = 'publish' | 'preview';

/** States in which a story may go out as a publish-ready page; any other renders as a preview. */
export const PUBLISHABLE_STATES: readonly StoryState[] = ['approved', 'published'];

/** One size of a photo the page may load. */
export interface PhotoSource {
  width: number;
  /** http(s), `newsroom-media:` (preview), a relative path inside the export, or a base64 data: image. */
  url: string;
}

/** What the page needs to know about a stored photo: its shape and the sizes on offer. */
export interface PhotoAsset {
  /** Intrinsic size of the original, upright (EXIF orientation applied). */
  width: number;
  height: number;
  sources: readonly PhotoSource[];
}

/** The story fields the page shows; a `Story` fits. */
export interface StoryForPublication {
  headline: string;
  standfirst: string;
  byline: readonly string[];
  dateline: { place: string; date: string };
  desk: string;
  language: string;
  /** Lexical JSON text, parsed and validated unless `document` is given. */
  body: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface RenderInput {
  story: StoryForPublication;
  /** The body when the caller already has it parsed; otherwise `story.body` is parsed (and validated). */
  document?: StoryDocument | unknown;
  /** Keyed by photo id. A photo with no entry (or no usable source) is left out and reported. */
  photos: Readonly<Record<string, PhotoAsset>>;
  mode: PublishMode;
  creditFormat: CreditFormat;
  /** When the story is (or will be) published, ISO 8601; defaults to `story.updatedAt`. */
  publishedAt?: string;
  /** Our small static stylesheet; leave it out where the host page's CSP forbids inline styles. */
  stylesheet?: boolean;
}

export type PublishProblemCode =
  | 'no-headline'
  | 'empty-body'
  | 'not-approved'
  | 'photo-placeholder'
  | 'photo-missing'
  | 'photo-incomplete'
  | 'link-dropped';

export interface PublishProblem {
  code: PublishProblemCode;
  message: string;
  /** 1-based position of the photo among the story's photos, for photo problems. */
  photo?: number;
}

/** Widths of the column and wide layouts, for the browser to choose a source before layout. */
const SIZES = { column: '(min-width: 42rem) 40rem, 100vw', wide: '100vw' } as const;
/** The `src` fallback (and single size) is the largest source not wider than this. */
const DEFAULT_SRC_WIDTH = 1200;
const MAX_TITLE_CHARS = 70;
const MAX_LIST_DEPTH = 16;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const CONTENT_SECURITY_POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page's own small stylesheet (static, never from a story). Exported so a host page whose CSP
 * forbids inline styles can allow exactly this one by its hash.
 */
export const PAGE_STYLESHEET = [
  // A long address (in a caption, or as a link's text) breaks where it must: the page never
  // grows wider than a phone (issue 13: 448 px on a 390 px phone).
  'body{margin:0 auto;max-width:42rem;padding:1rem;font:1.125rem/1.6 Georgia,serif;color:#111;background:#fff;overflow-wrap:anywhere}',
  'h1{font-size:2rem;line-height:1.2}',
  '.standfirst{font-size:1.25rem}',
  // Byline and date in the body's own family, quieter.
  '.byline,.published{margin:.25rem 0;font-size:.9375rem;color:#444}',
  'figcaption{font:.875rem/1.4 system-ui,sans-serif;color:#444}',
  // The credit on its own line, set small in capitals, so it never reads as part of the caption.
  '.credit{display:block;margin-top:.25rem;font-size:.75rem;letter-spacing:.04em;text-transform:uppercase;color:#666}',
  '.dateline{font-weight:bold}',
  'figure{margin:1.5rem 0}',
  'img{max-width:100%;height:auto}',
  'a{color:#0b57a4;text-decoration:underline;text-decoration-thickness:1px;text-underline-offset:.15em}',
  'a:visited{color:#5c3a8f}',
  'a:hover,a:focus-visible{color:#073f78;text-decoration-thickness:2px}',
  'blockquote{margin:1.5rem 0;padding-left:1rem;border-left:3px solid #ccc}',
  '.preview-notice{margin:0;padding:.5rem 1rem;background:#fff3cd;border:1px solid #d9b94f;font:bold 1rem system-ui,sans-serif}',
].join('\n');

/** The words the page prints around the story's own, by language. */
interface PageWords {
  byPrefix: string;
  and: string;
}
const WORDS: Record<string, PageWords> = {
  en: { byPrefix: 'By ', and: ' and ' },
  uk: { byPrefix: '', and: ' і ' },
  ru: { byPrefix: '', and: ' и ' },
};

const FORMAT_TAGS = [
  { mask: 1, tag: 'strong' },
  { mask: 2, tag: 'em' },
  { mask: 4, tag: 's' },
  { mask: 8, tag: 'u' },
  { mask: 32, tag: 'sub' },
  { mask: 64, tag: 'sup' },
  { mask: 16, tag: 'code' },
] as const;
const CODE = 16;
const KNOWN_FORMATS = FORMAT_TAGS.reduce((all, f) => all | f.mask, 0);

// ---------------------------------------------------------------------------------------------
// Reading untrusted JSON

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const childrenOf = (node: Json): unknown[] => (Array.isArray(node.children) ? node.children : []);
/** A field as one clean line: controls dropped, runs of whitespace collapsed, ends trimmed. */
const oneLine = (value: unknown): string => cleanText(str(value)).replace(/\s+/gu, ' ').trim();

function creditOf(value: unknown): PhotoCredit {
  const credit = isObject(value) ? value : {};
  return {
    photographers: (Array.isArray(credit.photographers) ? credit.photographers : []).map(oneLine).filter((n) => n !== ''),
    agency: oneLine(credit.agency),
    via: oneLine(credit.via),
    copyright: oneLine(credit.copyright),
    usageTerms: oneLine(credit.usageTerms),
  };
}

// ---------------------------------------------------------------------------------------------
// Inline content

interface Run {
  kind: 'run';
  text: string;
  format: number;
  verbatim: boolean;
}
interface Break {
  kind: 'break';
}
interface Link {
  kind: 'link';
  href: string;
  tel: boolean;
  items: (Run | Break)[];
}
type Inline = Run | Break | Link;

interface RenderContext {
  language: string;
  problems: PublishProblem[];
}

/** A link's address as the page writes it, or null if a reader must not follow it. */
function linkHref(url: string): string | null {
  const trimmed = cleanText(url).trim();
  if (!isSafeUrl(trimmed)) return null;
  if (trimmed.startsWith('#')) return trimmed;
  // Written as the URL parser reads it, so the check and the browser agree on what it is.
  return withStrictCharacters(new URL(trimmed));
}

/**
 * The WHATWG serialization leaves `[ ] { } | ^ \`` as they are in a query (and some in a path or
 * fragment); browsers accept them, but the W3C validator rejects such an href (issue 11). Each is
 * percent-encoded, which names the same address, everywhere but the host (an IPv6 host keeps its
 * brackets).
 */
const STRICT_CHARACTERS = /[[\]{}|^`]/g;
function withStrictCharacters(url: URL): string {
  const encode = (part: string) => part.replace(STRICT_CHARACTERS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const href = url.href;
  // The path starts after the origin part (scheme, credentials, host, port); an opaque path
  // (mailto:, tel:) starts right after the scheme.
  const authority = href.startsWith(`${url.protocol}//`) ? `${url.protocol}//${href.slice(url.protocol.length + 2).split(/[/?#]/, 1)[0] ?? ''}` : url.protocol;
  return authority + encode(href.slice(authority.length));
}

function readRuns(children: unknown[], verbatim: boolean): (Run | Break)[] {
  const items: (Run | Break)[] = [];
  for (const child of children) {
    if (!isObject(child)) continue;
    if (child.type === 'text') {
      const format = typeof child.format === 'number' && Number.isInteger(child.format) ? child.format & KNOWN_FORMATS : 0;
      items.push({ kind: 'run', text: cleanText(str(child.text)), format, verbatim: verbatim || (format & CODE) !== 0 });
    } else if (child.type === 'tab') {
      items.push({ kind: 'run', text: ' ', format: 0, verbatim });
    } else if (child.type === 'linebreak') {
      items.push({ kind: 'break' });
    }
  }
  return items;
}

function readInline(children: unknown[], ctx: RenderContext): Inline[] {
  const items: Inline[] = [];
  for (const child of children) {
    if (!isObject(child)) continue;
    if (child.type === 'link' || child.type === 'autolink') {
      const url = str(child.url);
      const href = linkHref(url);
      // An address shown as its own text must stay exactly as written.
      const runs = readRuns(childrenOf(child), child.type === 'autolink' || href?.startsWith('tel:') === true);
      if (href === null) {
        ctx.problems.push({
          code: 'link-dropped',
          message: `Link to "${oneLine(url).slice(0, 80)}" is not a web or mail address: it is published as plain text`,
        });
        items.push(...runs);
      } else {
        items.push({ kind: 'link', href, tel: href.startsWith('tel:'), items: runs });
      }
    } else {
      items.push(...readRuns([child], false));
    }
  }
  return items;
}

/** Typesets every run of a block in one pass, so quotes pair up across bold, italic and links. */
function typesetInline(items: Inline[], language: string): void {
  const targets: (Run | null)[] = [];
  const textRuns: TextRun[] = [];
  const visit = (item: Run | Break) => {
    targets.push(item.kind === 'run' ? item : null);
    // A line break separates words for the quote rules, like a space.
    textRuns.push(item.kind === 'run' ? { text: item.text, verbatim: item.verbatim } : { text: '\n', verbatim: true });
  };
  for (const item of items) {
    if (item.kind === 'link') item.items.forEach(visit);
    else visit(item);
  }
  typesetRuns(textRuns, language).forEach((typeset, i) => {
    const target = targets[i];
    if (target) target.text = typeset;
  });
}

/** Drops whitespace at the ends of a block and line breaks that lead or trail it. */
function trimBlock(items: Inline[]): Inline[] {
  const flat = (item: Inline) => (item.kind === 'link' ? item.items : [item]);
  const edge = (fromStart: boolean): void => {
    for (;;) {
      const index = fromStart ? 0 : items.length - 1;
      const item = items[index];
      if (item === undefined) return;
      const parts = flat(item);
      const part = fromStart ? parts[0] : parts[parts.length - 1];
      if (part === undefined || part.kind === 'break' || (part.kind === 'run' && part.text.trim() === '')) {
        if (item.kind === 'link' && part !== undefined) {
          if (fromStart) item.items.shift();
          else item.items.pop();
          if (item.items.length === 0) items.splice(index, 1);
        } else {
          items.splice(index, 1);
        }
        continue;
      }
      if (part.kind === 'run') part.text = fromStart ? part.text.trimStart() : part.text.trimEnd();
      return;
    }
  };
  edge(true);
  edge(false);
  return items;
}

/** Runs as nested formatting elements: consecutive runs sharing a format share its element. */
function formatted(runs: Run[], formats: readonly (typeof FORMAT_TAGS)[number][]): HtmlNode[] {
  const out: HtmlNode[] = [];
  let i = 0;
  while (i < runs.length) {
    const run = runs[i] as Run;
    const format = formats.find((f) => (run.format & f.mask) !== 0);
    if (format === undefined) {
      out.push(text(run.text));
      i += 1;
      continue;
    }
    let j = i;
    while (j < runs.length && ((runs[j] as Run).format & format.mask) !== 0) j += 1;
    out.push(el(format.tag, null, formatted(runs.slice(i, j), formats.filter((f) => f !== format))));
    i = j;
  }
  return out;
}

function inlineNodes(items: (Run | Break)[], tel = false): HtmlNode[] {
  const out: HtmlNode[] = [];
  let pending: Run[] = [];
  const flush = () => {
    // Merge neighbours with the same format; whitespace alone takes no formatting.
    const merged: Run[] = [];
    for (const run of pending) {
      const format = run.text.trim() === '' ? 0 : run.format;
      const last = merged[merged.length - 1];
      if (last && last.format === format) last.text += run.text;
      else merged.push({ ...run, format });
    }
    out.push(...formatted(merged.filter((r) => r.text !== ''), FORMAT_TAGS));
    pending = [];
  };
  for (const item of items) {
    if (item.kind === 'break') {
      flush();
      out.push(el('br'));
    } else {
      // A phone number must not break across lines (html-validate tel-non-breaking).
      pending.push(tel ? { ...item, text: item.text.replace(/ /g, '\u00a0').replace(/-/g, '\u2011') } : item);
    }
  }
  flush();
  return out;
}

/** The inline content of a block, typeset; empty if the block holds no text. */
function blockContent(children: unknown[], ctx: RenderContext): HtmlNode[] {
  const items = readInline(children, ctx);
  typesetInline(items, ctx.language);
  trimBlock(items);
  const out: HtmlNode[] = [];
  let pending: (Run | Break)[] = [];
  const flush = () => {
    out.push(...inlineNodes(pending));
    pending = [];
  };
  for (const item of items) {
    if (item.kind !== 'link') {
      pending.push(item);
      continue;
    }
    flush();
    const inner = inlineNodes(item.items, item.tel);
    const link = el('a', { href: item.href, rel: item.href.startsWith('#') ? null : 'noopener noreferrer' }, inner);
    // A link with no words to click is no link: keep whatever whitespace it held.
    if (inner.some(hasContent)) out.push(link);
    else out.push(...inner);
  }
  flush();
  return out.some(hasContent) ? out : [];
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface Figure {
  asset: PhotoAsset;
  sources: PhotoSource[];
  alt: string;
  caption: string;
  credit: PhotoCredit;
  creditLine: string;
  wide: boolean;
}

interface BodyContext extends RenderContext {
  /** Level of the last heading on the page: a subhead never skips a level (h1 → h3). */
  headingLevel: number;
  dateline: HtmlElement | null;
  figures: Figure[];
  photoCount: number;
  photos: Readonly<Record<string, PhotoAsset>>;
  creditFormat: CreditFormat;
  hasText: boolean;
}

function paragraph(children: unknown[], ctx: BodyContext): HtmlElement | null {
  const content = blockContent(children, ctx);
  if (content.length === 0) return null;
  ctx.hasText = true;
  if (ctx.dateline !== null) {
    const dateline = ctx.dateline;
    ctx.dateline = null;
    return el('p', null, dateline, ' ', content);
  }
  return el('p', null, content);
}

function heading(node: Json, ctx: BodyContext): HtmlElement | null {
  const content = blockContent(childrenOf(node), ctx);
  if (content.length === 0) return null;
  ctx.hasText = true;
  const wanted = node.tag === 'h3' ? 3 : 2;
  const level = Math.min(wanted, ctx.headingLevel + 1);
  ctx.headingLevel = level;
  return el(level === 3 ? 'h3' : 'h2', null, content);
}

function list(node: Json, ctx: BodyContext, depth: number): HtmlElement | null {
  if (depth > MAX_LIST_DEPTH) return null;
  const items: HtmlElement[] = [];
  for (const child of childrenOf(node)) {
    if (!isObject(child) || child.type !== 'listitem') continue;
    const inline = childrenOf(child).filter((c) => !(isObject(c) && c.type === 'list'));
    const nested = childrenOf(child)
      .filter((c): c is Json => isObject(c) && c.type === 'list')
      .map((c) => list(c, ctx, depth + 1))
      .filter((l): l is HtmlElement => l !== null);
    const content = blockContent(inline, ctx);
    if (content.length === 0 && nested.length === 0) continue;
    if (content.length > 0) ctx.hasText = true;
    items.push(el('li', null, content, nested));
  }
  if (items.length === 0) return null;
  const numbered = node.listType === 'number';
  const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start !== 1 ? node.start : null;
  return el(numbered ? 'ol' : 'ul', { start: numbered ? start : null }, items);
}

function photoSources(asset: PhotoAsset): PhotoSource[] {
  const seen = new Set<number>();
  return [...asset.sources]
    .filter((s) => Number.isInteger(s.width) && s.width > 0 && typeof s.url === 'string' && isSafeImageUrl(s.url))
    .sort((a, b) => a.width - b.width)
    .filter((s) => (seen.has(s.width) ? false : (seen.add(s.width), true)));
}

function photo(node: Json, ctx: BodyContext): HtmlElement | null {
  ctx.photoCount += 1;
  const index = ctx.photoCount;
  const photoId = str(node.photoId);
  const alt = oneLine(node.alt);
  const caption = oneLine(node.caption);
  const credit = creditOf(node.credit);
  if (photoId === '') {
    ctx.problems.push({ code: 'photo-placeholder', photo: index, message: `Photo ${index} is a placeholder: add the image or remove the placeholder` });
    return null;
  }
  const missing = missingPhotoFields({ caption, alt, credit });
  if (missing.length > 0) {
    ctx.problems.push({
      code: 'photo-incomplete',
      photo: index,
      message: `Photo ${index} has no ${missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}: fill ${missing.length === 1 ? 'it' : 'them'} in before publishing`,
    });
  }
  const asset = Object.hasOwn(ctx.photos, photoId) ? ctx.photos[photoId] : undefined;
  const sources = asset ? photoSources(asset) : [];
  if (asset === undefined || sources.length === 0 || !(asset.width > 0) || !(asset.height > 0)) {
    ctx.problems.push({
      code: 'photo-missing',
      photo: index,
      message: `Photo ${index} (${photoId.slice(0, 12)}) is not in the photo store: add the photo to the story again`,
    });
    return null;
  }
  const figure: Figure = {
    asset,
    sources,
    alt,
    caption: typeset(caption, ctx.language),
    credit,
    creditLine: formatCredit(credit, ctx.creditFormat),
    wide: node.layout === 'wide',
  };
  ctx.figures.push(figure);
  const fallback = [...sources].reverse().find((s) => s.width <= DEFAULT_SRC_WIDTH) ?? (sources[0] as PhotoSource);
  const height = Math.max(1, Math.round((fallback.width * asset.height) / asset.width));
  const responsive = sources.length > 1 && sources.every((s) => !s.url.startsWith('data:'));
  const img = el('img', {
    src: fallback.url,
    alt,
    width: fallback.width,
    height,
    loading: 'lazy',
    decoding: 'async',
    srcset: responsive ? sources.map((s) => `${srcsetUrl(s.url)} ${s.width}w`).join(', ') : null,
    sizes: responsive ? (figure.wide ? SIZES.wide : SIZES.column) : null,
  });
  const captionParts: HtmlNode[] = [];
  if (figure.caption !== '') captionParts.push(text(figure.caption));
  if (figure.creditLine !== '') {
    if (captionParts.length > 0) captionParts.push(text(' '));
    captionParts.push(el('span', { class: 'credit' }, figure.creditLine));
  }
  return el('figure', { class: figure.wide ? 'wide' : null }, img, captionParts.length > 0 && el('figcaption', null, captionParts));
}

/** A srcset candidate ends at whitespace and candidates are split at commas: encode both. */
function srcsetUrl(url: string): string {
  return url.replace(/[\s,]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function bodyBlocks(document: unknown, ctx: BodyContext): HtmlElement[] {
  const root = isObject(document) && isObject(document.root) ? document.root : {};
  const blocks: HtmlElement[] = [];
  for (const node of childrenOf(root)) {
    if (!isObject(node)) continue;
    let block: HtmlElement | null = null;
    switch (node.type) {
      case 'paragraph':
        block = paragraph(childrenOf(node), ctx);
        break;
      case 'heading':
        block = heading(node, ctx);
        break;
      case 'quote': {
        const content = blockContent(childrenOf(node), ctx);
        if (content.length > 0) {
          ctx.hasText = true;
          block = el('blockquote', null, el('p', null, content));
        }
        break;
      }
      case 'list':
        block = list(node, ctx, 1);
        break;
      case 'photo':
        block = photo(node, ctx);
        break;
      default:
        break;
    }
    if (block !== null) blocks.push(block);
  }
  // A story with no paragraph still shows where it was filed from.
  if (ctx.dateline !== null) blocks.unshift(el('p', null, ctx.dateline));
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// The page

interface PreparedStory {
  language: string;
  preview: boolean;
  notice: string;
  headline: string;
  title: string;
  description: string;
  standfirst: string;
  authors: string[];
  publishedAt: string | null;
  publishedDate: string;
  blocks: HtmlElement[];
  problems: PublishProblem[];
  article: NewsArticleLd;
}

function languageOf(value: string): string {
  return LANGUAGE_TAG.test(value) ? value : 'und';
}

function timestamp(value: unknown): string | null {
  const s = str(value);
  return parseIsoTimestamp(s) === null ? null : s;
}

/**
 * The headline cut at a word to fit a browser tab and html-validate's long-title rule, which
 * counts the characters as written in the file (so `&amp;` counts five).
 */
function pageTitle(headline: string): string {
  const written = (s: string) => escapeText(s).length;
  if (written(headline) <= MAX_TITLE_CHARS) return headline;
  let cut = '';
  for (const char of headline) {
    if (written(`${cut}${char}…`) > MAX_TITLE_CHARS) break;
    cut += char;
  }
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function prepare(input: RenderInput): PreparedStory {
  const { story } = input;
  const language = languageOf(str(story.language));
  const document = input.document !== undefined ? input.document : parseStoryDocument(story.body);
  const problems: PublishProblem[] = [];
  const bodyProblems: PublishProblem[] = [];
  const status = str(story.status);
  const approved = (PUBLISHABLE_STATES as readonly string[]).includes(status);
  // A story nobody approved is never written as a publish-ready page, whatever the caller asked.
  const preview = input.mode === 'preview' || !approved;
  if (!approved) {
    problems.push({
      code: 'not-approved',
      message: `Story is ${status === '' ? 'not approved' : `"${oneLine(status).slice(0, 40)}"`}: an editor must approve it before it is published`,
    });
  }

  const headline = typeset(oneLine(story.headline), language);
  if (headline === '') problems.push({ code: 'no-headline', message: 'Story has no headline: write one before publishing' });
  const standfirst = typeset(oneLine(story.standfirst), language);
  const authors = (Array.isArray(story.byline) ? story.byline : []).map(oneLine).filter((n) => n !== '');

  const dateline: Json = isObject(story.dateline) ? story.dateline : {};
  const place = oneLine(dateline.place);
  const datelineDay = parseIsoDate(str(dateline.date));
  const datelineText = place === '' ? '' : datelineDay === null ? place : `${place}, ${datelineDate(datelineDay, language)}`;

  const publishedAt = timestamp(input.publishedAt ?? story.updatedAt);
  const publishedDay = publishedAt === null ? null : parseIsoTimestamp(publishedAt);
  const modifiedAt = timestamp(story.updatedAt);

  const ctx: BodyContext = {
    language,
    problems: bodyProblems,
    headingLevel: 1,
    dateline: datelineText === '' ? null : el('span', { class: 'dateline' }, `${datelineText} —`),
    figures: [],
    photoCount: 0,
    photos: input.photos,
    creditFormat: input.creditFormat,
    hasText: false,
  };
  const blocks = bodyBlocks(document, ctx);
  if (!ctx.hasText) problems.push({ code: 'empty-body', message: 'Story body is empty: write the story before publishing' });
  problems.push(...bodyProblems);

  const images: ImageFacts[] = ctx.figures.map((figure) => {
    const largest = figure.sources[figure.sources.length - 1] as PhotoSource;
    return {
      contentUrl: largest.url.startsWith('data:') ? null : largest.url,
      width: largest.width,
      height: Math.max(1, Math.round((largest.width * figure.asset.height) / figure.asset.width)),
      caption: figure.caption,
      creditText: figure.creditLine,
      photographers: figure.credit.photographers,
      agency: figure.credit.agency,
      copyright: figure.credit.copyright,
    };
  });
  const shownHeadline = headline === '' ? 'Untitled story' : headline;
  const article = newsArticle({
    headline: shownHeadline,
    description: standfirst,
    language,
    datePublished: publishedAt,
    dateModified: modifiedAt,
    dateline: datelineText,
    section: oneLine(story.desk),
    authors,
    images,
  });
  return {
    language,
    preview,
    notice: approved ? 'Preview — not the published page' : 'Preview — not approved for publication',
    headline: shownHeadline,
    title: pageTitle(shownHeadline),
    description: standfirst,
    standfirst,
    authors,
    publishedAt,
    publishedDate: publishedDay === null ? '' : longDate(publishedDay, language),
    blocks,
    problems,
    article,
  };
}

function bylineOf(authors: string[], language: string): HtmlElement | null {
  if (authors.length === 0) return null;
  const words = WORDS[language.toLowerCase().split('-')[0] ?? ''] ?? (WORDS.en as PageWords);
  const parts: (HtmlNode | string)[] = [words.byPrefix];
  authors.forEach((name, i) => {
    if (i > 0) parts.push(i === authors.length - 1 ? words.and : ', ');
    parts.push(el('span', { class: 'author' }, name));
  });
  return el('p', { class: 'byline' }, parts);
}

/** The complete page, `<!DOCTYPE html>` to `</html>`. */
export function renderStory(input: RenderInput): string {
  const story = prepare(input);
  const english = story.language.toLowerCase().split('-')[0] === 'en';
  const root = el(
    'html',
    { lang: story.language },
    el(
      'head',
      null,
      el('meta', { charset: 'utf-8' }),
      el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      el('meta', { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
      story.preview && el('meta', { name: 'robots', content: 'noindex' }),
      el('title', null, story.title),
      story.description !== '' && el('meta', { name: 'description', content: story.description }),
      input.stylesheet !== false && styleSheet(PAGE_STYLESHEET),
      jsonLd(toJsonValue(story.article)),
    ),
    el(
      'body',
      null,
      story.preview && el('p', { class: 'preview-notice', role: 'note', lang: english ? null : 'en' }, story.notice),
      el(
        'main',
        null,
        el(
          'article',
          null,
          el(
            'header',
            null,
            el('h1', null, story.headline),
            story.standfirst !== '' && el('p', { class: 'standfirst' }, story.standfirst),
            bylineOf(story.authors, story.language),
            story.publishedAt !== null &&
              el('p', { class: 'published' }, el('time', { datetime: story.publishedAt }, story.publishedDate)),
          ),
          story.blocks,
        ),
      ),
    ),
  );
  return serializeDocument(root);
}

/** The NewsArticle structured data the page carries, as built (before escaping for the script element). */
export function newsArticleJsonLd(input: RenderInput): NewsArticleLd {
  return prepare(input).article;
}

/**
 * What stops the story going out as a publish-ready page, in the order a reporter fixes it. Empty
 * when it may be published. Placeholders and photos missing from the store are left out of any
 * page; the caller refuses to publish while this list is not empty.
 */
export function publishProblems(input: RenderInput): PublishProblem[] {
  return prepare(input).problems;
}
