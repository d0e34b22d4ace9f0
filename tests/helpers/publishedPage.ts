/**
 * Checks on a published page, made by parsing it (html-validate's parser), never by searching the
 * text: html-validate with the house presets, and an inertness check that says the page can run
 * nothing, load nothing foreign and carries only the JSON-LD we built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate, Parser, type ConfigData, type HtmlElement } from 'html-validate';
import { expect } from 'vitest';
import { isSafeUrl } from '../../common/document.js';

const config = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../.htmlvalidate.json'), 'utf8')) as ConfigData;
export const htmlValidate = new HtmlValidate(config);

/** Every html-validate error and warning, as "rule: message (line:column)"; [] for a clean page. */
export async function validationMessages(html: string): Promise<string[]> {
  const report = await htmlValidate.validateString(html, 'page.html');
  return report.results.flatMap((r) => r.messages.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}: ${m.message} (${m.line}:${m.column})`));
}

export interface PageElement {
  tag: string;
  attrs: [string, string | null][];
  /** Text content exactly as written (html-validate does not decode character references). */
  raw: string;
  void: boolean;
  element: HtmlElement;
}

/** The page's elements in document order. */
export async function pageElements(html: string): Promise<PageElement[]> {
  const resolved = await htmlValidate.getConfigFor('page.html');
  const root = new Parser(resolved).parseHtml(html);
  const out: PageElement[] = [];
  const walk = (element: HtmlElement) => {
    for (const child of element.childElements) {
      out.push({
        tag: child.tagName,
        attrs: child.attributes.map((a) => [a.key, typeof a.value === 'string' ? a.value : a.value === null ? null : String(a.value)]),
        raw: child.textContent,
        void: child.voidElement,
        element: child,
      });
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Decodes the only character references our serializer writes. */
export function decode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#10|#13);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#10': '\n', '#13': '\r' })[name] as string);
}

export const attr = (element: PageElement, name: string): string | undefined => {
  const found = element.attrs.find(([key]) => key === name);
  return found === undefined ? undefined : decode(found[1] ?? '');
};

const ALLOWED_ELEMENTS = new Set([
  'html', 'head', 'body', 'meta', 'title', 'style', 'script', 'main', 'article', 'header', 'footer',
  'h1', 'h2', 'h3', 'p', 'span', 'time', 'blockquote', 'ul', 'ol', 'li', 'a', 'br',
  'strong', 'em', 's', 'u', 'code', 'sub', 'sup', 'figure', 'img', 'figcaption',
]);

export interface InertOptions {
  /** The JSON-LD the page must carry, exactly. */
  jsonLd?: unknown;
  /** How image sources may look: the export's relative paths by default. */
  imageSrc?: RegExp;
}

/**
 * Asserts the page is inert: the only script is the JSON-LD data block (whose content parses to
 * `jsonLd`), no on* or style attributes, no element outside the allow-list, every link safe,
 * every image a known kind of source, and every `<` in the file a tag the parser saw (so nothing
 * was smuggled past it as text).
 */
export async function expectInertPage(html: string, options: InertOptions = {}): Promise<PageElement[]> {
  const imageSrc = options.imageSrc ?? /^images\/[0-9a-f]{12}-\d+\.jpg$/;
  const elements = await pageElements(html);

  const scripts = elements.filter((e) => e.tag === 'script');
  expect(scripts).toHaveLength(1);
  const script = scripts[0] as PageElement;
  expect(script.attrs).toEqual([['type', 'application/ld+json']]);
  const parsed: unknown = JSON.parse(script.raw);
  if (options.jsonLd !== undefined) expect(parsed).toEqual(options.jsonLd);
  // Nothing in it can end the element or open a comment, even as text.
  expect(script.raw).not.toMatch(/[<>&\u2028\u2029]/);

  for (const element of elements) {
    expect(ALLOWED_ELEMENTS.has(element.tag), `<${element.tag}> is not allowed`).toBe(true);
    for (const [name] of element.attrs) {
      expect(name.toLowerCase().startsWith('on'), `${name} on <${element.tag}>`).toBe(false);
      expect(['style', 'srcdoc', 'formaction', 'action', 'background', 'xmlns'].includes(name.toLowerCase()), `${name} on <${element.tag}>`).toBe(false);
    }
    const href = attr(element, 'href');
    if (href !== undefined) {
      expect(element.tag).toBe('a');
      expect(isSafeUrl(href), href).toBe(true);
      if (!href.startsWith('#')) expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(new URL(href).protocol);
    }
    const src = attr(element, 'src');
    if (src !== undefined) {
      expect(element.tag).toBe('img');
      expect(src).toMatch(imageSrc);
    }
    const srcset = attr(element, 'srcset');
    if (srcset !== undefined) {
      for (const candidate of srcset.split(', ')) expect(candidate).toMatch(new RegExp(`${imageSrc.source.replace(/\$$/, '')} \\d+w$`));
    }
    if (element.tag === 'meta') expect([undefined, 'Content-Security-Policy']).toContain(attr(element, 'http-equiv'));
    if (element.tag === 'style') expect(element.raw).not.toContain('<');
  }
  expect(elements.filter((e) => e.tag === 'style').length).toBeLessThanOrEqual(1);

  // Every "<" is a start or end tag of an element the parser saw, or the doctype.
  const tags = 1 + elements.reduce((n, e) => n + (e.void ? 1 : 2), 0);
  expect(html.split('<').length - 1).toBe(tags);
  // The only character references are the ones the serializer writes.
  expect(html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#10;|#13;)/);
  return elements;
}
