/**
 * A tiny HTML builder that is safe by construction: pages are built as a tree of elements and
 * text, and only the serializer writes markup. Text and attribute values are always escaped, tag
 * and attribute names come from allow-lists, and URL attributes are checked again here, so a bug
 * in the renderer fails loudly instead of shipping an unsafe page. There is no way to insert raw
 * markup; the only raw-text elements are the JSON-LD data block (escaped so it cannot close its
 * script element) and a stylesheet that refuses any `<`.
 */
import { isSafeUrl } from '../document.js';

/** Every element a published page may contain. Nothing scriptable, embeddable or form-like. */
export const ELEMENT_NAMES = [
  'html', 'head', 'body', 'meta', 'title', 'main', 'article', 'header', 'footer',
  'h1', 'h2', 'h3', 'p', 'span', 'time', 'blockquote', 'ul', 'ol', 'li', 'a', 'br',
  'strong', 'em', 's', 'u', 'code', 'sub', 'sup', 'figure', 'img', 'figcaption',
] as const;
export type ElementName = (typeof ELEMENT_NAMES)[number];

const VOID_ELEMENTS: ReadonlySet<string> = new Set(['meta', 'br', 'img']);
/** Containers whose element children are put one per line, so the output reads well in a diff. */
const LAYOUT_ELEMENTS: ReadonlySet<string> = new Set(['html', 'head', 'body', 'main', 'article', 'header', 'footer', 'ul', 'ol', 'li', 'figure', 'blockquote']);
/**
 * Children that may go on lines of their own: block-level content (and the image of a figure),
 * where the added whitespace shows nothing. Between inline elements it would show as a space.
 */
const OWN_LINE_CHILDREN: ReadonlySet<string> = new Set([
  'head', 'body', 'meta', 'title', 'main', 'article', 'header', 'footer', 'h1', 'h2', 'h3', 'p', 'blockquote', 'ul', 'ol', 'li', 'figure', 'figcaption',
]);
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;
/** Attributes that can run script or restyle the page, refused whatever their value. */
const FORBIDDEN_ATTRIBUTES: ReadonlySet<string> = new Set(['style', 'srcdoc', 'formaction', 'action', 'xmlns', 'background', 'poster', 'dynsrc', 'lowsrc']);

export interface HtmlElement {
  kind: 'element';
  tag: ElementName;
  /** Attributes in the order they are written; `true` is a boolean attribute. */
  attrs: readonly (readonly [string, string | true])[];
  children: readonly HtmlNode[];
}
export interface HtmlText {
  kind: 'text';
  text: string;
}
/** `<script type="application/ld+json">`: data for search engines, never executed. */
export interface HtmlJsonLd {
  kind: 'json-ld';
  value: JsonValue;
}
/** A `<style>` element with our own static stylesheet. */
export interface HtmlStyleSheet {
  kind: 'stylesheet';
  css: string;
}
export type HtmlNode = HtmlElement | HtmlText | HtmlJsonLd | HtmlStyleSheet;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type AttrValue = string | number | true | null | undefined | false;
export type Child = HtmlNode | string | null | undefined | false | readonly Child[];

/** An element; `null`, `undefined` and `false` attributes or children are left out. */
export function el(tag: ElementName, attrs: Record<string, AttrValue> | null = null, ...children: Child[]): HtmlElement {
  const list: (readonly [string, string | true])[] = [];
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    list.push([name, value === true ? true : String(value)]);
  }
  return { kind: 'element', tag, attrs: list, children: flatten(children) };
}

export function text(value: string): HtmlText {
  return { kind: 'text', text: value };
}

export function jsonLd(value: JsonValue): HtmlJsonLd {
  return { kind: 'json-ld', value };
}

export function styleSheet(css: string): HtmlStyleSheet {
  return { kind: 'stylesheet', css };
}

function flatten(children: readonly Child[]): HtmlNode[] {
  const out: HtmlNode[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') {
      if (child !== '') out.push(text(child));
    } else if (Array.isArray(child)) {
      out.push(...flatten(child));
    } else {
      out.push(child as HtmlNode);
    }
  }
  return out;
}

/** True if the node holds any visible text (or an image): used to drop empty elements. */
export function hasContent(node: HtmlNode): boolean {
  if (node.kind === 'text') return node.text.trim() !== '';
  if (node.kind !== 'element') return false;
  if (node.tag === 'img') return true;
  return node.children.some(hasContent);
}

// C0/C1 controls (other than tab, newline and carriage return), lone surrogates and the two
// noncharacters are not allowed in HTML text; they are dropped rather than escaped.
// eslint-disable-next-line no-control-regex
const DISALLOWED_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters HTML does not allow; what the serializer writes. */
export function cleanText(value: string): string {
  return value.replace(DISALLOWED_CHARS, '');
}

export function escapeText(value: string): string {
  // Line breaks in text are plain whitespace to HTML; writing them as spaces keeps each block on
  // one line (no trailing whitespace in the file) without changing what a reader sees.
  return cleanText(value)
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return cleanText(value)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/**
 * JSON that cannot end its script element or start a comment: `<`, `>` and `&` are written as
 * \u escapes (still valid JSON, same value), and so are U+2028/U+2029 for old JavaScript parsers.
 */
export function serializeJsonForScript(value: JsonValue): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const DATA_IMAGE = /^data:image\/(?:jpeg|png|webp|gif|avif);base64,[A-Za-z0-9+/]+={0,2}$/;
const RELATIVE_PATH = /^(?:\.{1,2}\/)*[A-Za-z0-9_~%-][A-Za-z0-9._~%/-]*$/;
const IMAGE_SCHEMES = ['http:', 'https:', 'newsroom-media:'];

/**
 * True for an image address a page may load: http(s), the app's own media protocol (preview), a
 * relative path inside the export (`images/…`), or an inline JPEG/PNG/WebP/GIF/AVIF as base64.
 */
export function isSafeImageUrl(url: string): boolean {
  if (DATA_IMAGE.test(url)) return true;
  if (RELATIVE_PATH.test(url)) return true;
  // Anything else must be an absolute URL, exactly as written (no leading spaces or controls
  // the browser would strip before it decides on the scheme).
  if (url !== url.trim() || /[\s\u0000-\u001F]/.test(url)) return false; // eslint-disable-line no-control-regex
  try {
    return IMAGE_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function checkAttribute(tag: string, name: string, value: string | true): void {
  if (!ATTRIBUTE_NAME.test(name) || name.startsWith('on') || FORBIDDEN_ATTRIBUTES.has(name)) {
    throw new Error(`Refusing to write attribute "${name}" on <${tag}>: it could run script or restyle the page`);
  }
  if (value === true) return;
  if (name === 'href' && !isSafeUrl(value)) {
    throw new Error(`Refusing to write a link to "${value.slice(0, 80)}": only http, https, mailto, tel and #fragment links are published`);
  }
  if (name === 'src' && !isSafeImageUrl(value)) {
    throw new Error(`Refusing to write image source "${value.slice(0, 80)}": not an http(s), relative or inline image address`);
  }
  if (name === 'srcset') {
    for (const candidate of value.split(',')) {
      const url = candidate.trim().split(/\s+/)[0] ?? '';
      if (!isSafeImageUrl(url) || url.startsWith('data:')) {
        throw new Error(`Refusing to write image candidate "${url.slice(0, 80)}" in srcset`);
      }
    }
  }
}

function serializeNode(node: HtmlNode, depth: number): string {
  switch (node.kind) {
    case 'text':
      return escapeText(node.text);
    case 'json-ld':
      return `<script type="application/ld+json">${serializeJsonForScript(node.value)}</script>`;
    case 'stylesheet':
      if (node.css.includes('<')) throw new Error('Refusing to write a stylesheet containing "<"');
      return `<style>${node.css}</style>`;
    case 'element':
      return serializeElement(node, depth);
  }
}

function serializeElement(node: HtmlElement, depth: number): string {
  if (!(ELEMENT_NAMES as readonly string[]).includes(node.tag)) {
    throw new Error(`Refusing to write <${String(node.tag)}>: not an element a published page may contain`);
  }
  let open = `<${node.tag}`;
  const seen = new Set<string>();
  for (const [name, value] of node.attrs) {
    checkAttribute(node.tag, name, value);
    if (seen.has(name)) throw new Error(`Attribute "${name}" written twice on <${node.tag}>`);
    seen.add(name);
    open += value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  open += '>';
  if (VOID_ELEMENTS.has(node.tag)) {
    if (node.children.length > 0) throw new Error(`<${node.tag}> cannot have children`);
    return open;
  }
  const layout =
    LAYOUT_ELEMENTS.has(node.tag) &&
    node.children.length > 0 &&
    node.children.every((c) => (c.kind === 'element' ? OWN_LINE_CHILDREN.has(c.tag) || (c.tag === 'img' && node.tag === 'figure') : c.kind !== 'text'));
  if (!layout) return `${open}${node.children.map((c) => serializeNode(c, depth + 1)).join('')}</${node.tag}>`;
  const indent = '  '.repeat(depth + 1);
  const inner = node.children.map((c) => `\n${indent}${serializeNode(c, depth + 1)}`).join('');
  return `${open}${inner}\n${'  '.repeat(depth)}</${node.tag}>`;
}

/** Markup for one node (and its subtree). */
export function serialize(node: HtmlNode): string {
  return serializeNode(node, 0);
}

/** A whole page: the doctype, then the `<html>` element, ending with a newline. */
export function serializeDocument(root: HtmlElement): string {
  if (root.tag !== 'html') throw new Error('A page starts with <html>');
  return `<!DOCTYPE html>\n${serializeElement(root, 0)}\n`;
}
