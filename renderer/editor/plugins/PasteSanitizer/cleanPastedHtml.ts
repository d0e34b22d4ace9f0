/**
 * Cleans HTML from the clipboard before Lexical imports it, so a story pasted from Word, Google
 * Docs or a web page keeps its structure (paragraphs, subheads, lists, bold, italic, links) and
 * nothing else: no scripts, event handlers, styles, classes, images, frames or unsafe links.
 *
 * `parsePastedHtml` parses with DOMParser, whose document never runs scripts or loads images, and
 * cleans the result in place. Inline styles are read once, to keep the bold and italic they meant,
 * then dropped.
 */
import { isStoryLink } from '../../links.js';

/**
 * Where a pasted element's inline style waits to be read. A parsed document inherits the window's
 * CSP, so every `style="…"`, `onclick="…"` and `<style>` in the paste would be reported as a CSP
 * violation (they are refused, but a Word paste would log dozens). Renaming them in the tags before
 * parsing keeps the console quiet. It is not what keeps the paste safe: DOMParser's inert document
 * and the cleaning below are; a tag the rename misses only makes noise.
 */
const STYLE = 'data-nr-style';
const HELD_STYLE_SHEET = 'nr-held-style';
/** `<base href>` in the parsed document would meet the window's `base-uri 'none'` and log a violation. */
const HELD_BASE = 'nr-held-base';
const HELD_ELEMENTS: Readonly<Record<string, string>> = { style: HELD_STYLE_SHEET, base: HELD_BASE };
const INLINE_CODE_ATTRIBUTE = /(\s)(style|on[a-z]+)(\s*=)/gi;

function holdTag(tag: string): string {
  const name = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(tag);
  const held = name ? HELD_ELEMENTS[(name[2] as string).toLowerCase()] : undefined;
  const renamed = held === undefined || !name ? tag : `<${name[1] as string}${held}${tag.slice(name[0].length)}`;
  return renamed.replace(INLINE_CODE_ATTRIBUTE, (_m, space: string, attr: string, eq: string) => `${space}data-nr-${attr.toLowerCase()}${eq}`);
}

/**
 * Renames inline code in the tags in one pass, linear in the paste: each tag is read from its `<`
 * to the next `>`, and once no `>` is left the rest is text (the regex this replaces retried from
 * every `<` of `<a <a <a …` to the end, quadratic: 1.4 s for 120 KB, issue 11).
 */
export function holdInlineCode(html: string): string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    const startsTag = (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47;
    if (!startsTag) {
      out.push(html.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    out.push(html.slice(i, lt), holdTag(html.slice(lt, gt + 1)));
    i = gt + 1;
  }
  out.push(html.slice(i));
  return out.join('');
}

/** Clipboard HTML as a clean, inert document, ready for Lexical's `$generateNodesFromDOM`. */
export function parsePastedHtml(html: string): Document {
  const doc = new DOMParser().parseFromString(holdInlineCode(html), 'text/html');
  cleanPastedHtml(doc);
  return doc;
}

/** Elements removed together with everything inside them. */
const DROPPED_WITH_CONTENT = [
  HELD_STYLE_SHEET, HELD_BASE, 'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'img', 'picture', 'svg', 'math', 'video', 'audio', 'source', 'track', 'canvas', 'map', 'area',
  'link', 'meta', 'base', 'title', 'form', 'input', 'button', 'select', 'textarea', 'option', 'dialog',
].join(',');

/** The only attributes that survive, by element; everything else (on*, style, class, id, data-*) goes. */
const KEPT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { a: ['href'], ol: ['start'] };

const BOLD = /font-weight\s*:\s*(bold|bolder|[6-9]00)\b/i;
const NOT_BOLD = /font-weight\s*:\s*(normal|lighter|[1-5]00)\b/i;
const ITALIC = /font-style\s*:\s*(italic|oblique)\b/i;
const NOT_ITALIC = /font-style\s*:\s*normal\b/i;
const WORD_LIST = /mso-list\s*:\s*l(\d+)\s+level(\d+)/i;
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]{1,4})[.)]/i;

export function cleanPastedHtml(doc: Document): void {
  const body = doc.body;
  const markers = takeWordListMarkers(body);
  convertWordLists(doc, body, markers);
  removeComments(doc, body);
  // The whole document, head included: Lexical would otherwise apply a pasted <style> sheet as inline styles.
  for (const element of Array.from(doc.querySelectorAll(DROPPED_WITH_CONTENT))) element.remove();
  keepMeaningOfStyles(doc, body);
  for (const heading of Array.from(body.querySelectorAll('h1'))) rename(doc, heading, 'h2');
  for (const heading of Array.from(body.querySelectorAll('h4, h5, h6'))) rename(doc, heading, 'h3');
  for (const link of Array.from(body.querySelectorAll('a'))) {
    const href = link.getAttribute('href');
    if (href === null || !isStoryLink(href)) unwrap(link);
    else link.setAttribute('href', href.trim());
  }
  flattenTables(doc, body);
  splitBlockQuotes(doc, body);
  dropEmptyParagraphs(body);
  stripAttributes(body);
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function rename(doc: Document, element: Element, tag: string): Element {
  const renamed = doc.createElement(tag);
  renamed.append(...Array.from(element.childNodes));
  for (const attr of Array.from(element.attributes)) renamed.setAttribute(attr.name, attr.value);
  element.replaceWith(renamed);
  return renamed;
}

function wrapChildren(doc: Document, element: Element, tag: string): void {
  const wrapper = doc.createElement(tag);
  wrapper.append(...Array.from(element.childNodes));
  element.append(wrapper);
}

/**
 * Word marks each list paragraph's bullet or number with `<![if !supportLists]>…<![endif]>` (or a
 * span styled `mso-list:Ignore`). The marker text tells numbered from bulleted; then it goes.
 */
function takeWordListMarkers(body: HTMLElement): Map<Element, string> {
  const markers = new Map<Element, string>();
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const starts: Comment[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/^\s*\[if !supportLists\]/i.test((node as Comment).data)) starts.push(node as Comment);
  }
  for (const start of starts) {
    let text = '';
    const doomed: ChildNode[] = [];
    for (let next = start.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === Node.COMMENT_NODE && /^\s*\[endif\]/i.test((next as Comment).data)) {
        doomed.push(next);
        break;
      }
      text += next.textContent ?? '';
      doomed.push(next);
    }
    const paragraph = start.parentElement?.closest(`[${STYLE}*="mso-list"]`) ?? start.parentElement;
    if (paragraph) markers.set(paragraph, text.replace(/\u00a0/g, ' ').trim());
    start.remove();
    for (const node of doomed) node.remove();
  }
  for (const span of Array.from(body.querySelectorAll(`span[${STYLE}]`))) {
    if (!/mso-list\s*:\s*ignore/i.test(span.getAttribute(STYLE) ?? '')) continue;
    const paragraph = span.closest(`[${STYLE}*="mso-list"]`) ?? span.parentElement;
    if (paragraph && !markers.has(paragraph)) markers.set(paragraph, (span.textContent ?? '').replace(/\u00a0/g, ' ').trim());
    span.remove();
  }
  return markers;
}

interface WordListItem {
  element: Element;
  list: string;
  level: number;
  ordered: boolean;
}

function wordListItem(element: Element, markers: Map<Element, string>): WordListItem | null {
  const match = WORD_LIST.exec(element.getAttribute(STYLE) ?? '');
  if (!match) return null;
  return {
    element,
    list: match[1] ?? '0',
    level: Number(match[2] ?? '1'),
    ordered: ORDERED_MARKER.test(markers.get(element) ?? ''),
  };
}

/** Word's list paragraphs (`<p style="mso-list:l0 level1 lfo1">`) become real, nested ul/ol lists. */
function convertWordLists(doc: Document, body: HTMLElement, markers: Map<Element, string>): void {
  const candidates = Array.from(body.querySelectorAll(`[${STYLE}*="mso-list"]`)).filter((el) => wordListItem(el, markers) !== null);
  const done = new Set<Element>();
  for (const first of candidates) {
    if (done.has(first)) continue;
    const items: WordListItem[] = [];
    for (let el: Element | null = first; el; el = el.nextElementSibling) {
      const item = wordListItem(el, markers);
      // Another list id (l0, l1, …) is another list, even when it follows at once.
      if (!item || (items[0] !== undefined && item.list !== items[0].list)) break;
      items.push(item);
      done.add(el);
    }
    const firstItem = items[0];
    if (!firstItem) continue;
    const root = doc.createElement(firstItem.ordered ? 'ol' : 'ul');
    const stack: Array<{ list: Element; level: number }> = [{ list: root, level: firstItem.level }];
    for (const item of items) {
      while (stack.length > 1 && item.level < (stack[stack.length - 1] as { level: number }).level) stack.pop();
      let top = stack[stack.length - 1] as { list: Element; level: number };
      if (item.level > top.level) {
        const nested = doc.createElement(item.ordered ? 'ol' : 'ul');
        const parentItem = top.list.lastElementChild ?? top.list.appendChild(doc.createElement('li'));
        parentItem.append(nested);
        top = { list: nested, level: item.level };
        stack.push(top);
      }
      const li = doc.createElement('li');
      li.append(...Array.from(item.element.childNodes));
      top.list.append(li);
    }
    firstItem.element.replaceWith(root);
    for (const item of items.slice(1)) item.element.remove();
  }
}

function removeComments(doc: Document, body: HTMLElement): void {
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

/**
 * Bold and italic set by style (Google Docs, most web editors) become <strong> and <em>; the
 * Google Docs wrapper `<b style="font-weight:normal">` is only a wrapper and is unwrapped.
 */
function keepMeaningOfStyles(doc: Document, body: HTMLElement): void {
  for (const element of Array.from(body.querySelectorAll(`[${STYLE}]`))) {
    const style = element.getAttribute(STYLE) ?? '';
    const tag = element.localName;
    if ((tag === 'b' || tag === 'strong') && NOT_BOLD.test(style)) {
      unwrap(element);
      continue;
    }
    if ((tag === 'i' || tag === 'em') && NOT_ITALIC.test(style)) {
      unwrap(element);
      continue;
    }
    const isHeading = /^h[1-6]$/.test(tag);
    if (BOLD.test(style) && tag !== 'b' && tag !== 'strong' && !isHeading) wrapChildren(doc, element, 'strong');
    if (ITALIC.test(style) && tag !== 'i' && tag !== 'em') wrapChildren(doc, element, 'em');
  }
}

/** Lexical has no table node: each row arrives as a paragraph, its cells separated by " | ". */
function flattenTables(doc: Document, body: HTMLElement): void {
  for (const table of Array.from(body.querySelectorAll('table')).reverse()) {
    const paragraphs: Element[] = [];
    for (const row of Array.from(table.querySelectorAll('tr'))) {
      const paragraph = doc.createElement('p');
      Array.from(row.children)
        .filter((cell) => cell.localName === 'td' || cell.localName === 'th')
        .forEach((cell, i) => {
          if (i > 0) paragraph.append(doc.createTextNode(' | '));
          paragraph.append(doc.createTextNode((cell.textContent ?? '').replace(/\s+/g, ' ').trim()));
        });
      paragraphs.push(paragraph);
    }
    table.replaceWith(...paragraphs);
  }
}

const BLOCK = new Set(['p', 'div', 'h2', 'h3', 'ul', 'ol', 'blockquote', 'pre', 'section', 'article']);

/** A quote holds text: `<blockquote><p>a</p><p>b</p></blockquote>` becomes two quotes. */
function splitBlockQuotes(doc: Document, body: HTMLElement): void {
  for (const quote of Array.from(body.querySelectorAll('blockquote')).reverse()) {
    if (!Array.from(quote.children).some((child) => BLOCK.has(child.localName))) continue;
    const out: Node[] = [];
    let run: Element | null = null;
    for (const child of Array.from(quote.childNodes)) {
      const element = child.nodeType === Node.ELEMENT_NODE ? (child as Element) : null;
      if (element && BLOCK.has(element.localName)) {
        run = null;
        if (element.localName === 'p' || element.localName === 'div') {
          const part = doc.createElement('blockquote');
          part.append(...Array.from(element.childNodes));
          out.push(part);
        } else {
          out.push(element);
        }
      } else {
        if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() === '') continue;
        if (run === null) {
          run = doc.createElement('blockquote');
          out.push(run);
        }
        run.append(child);
      }
    }
    quote.replaceWith(...out);
  }
}

/** Word separates paragraphs with empty ones (`<p><o:p>&nbsp;</o:p></p>`); a story does not. */
function dropEmptyParagraphs(body: HTMLElement): void {
  for (const paragraph of Array.from(body.querySelectorAll('p'))) {
    if ((paragraph.textContent ?? '').replace(/[\s\u00a0]/g, '') === '' && !paragraph.querySelector('br')) {
      paragraph.remove();
    }
  }
}

function stripAttributes(body: HTMLElement): void {
  for (const element of [body, ...Array.from(body.querySelectorAll('*'))]) {
    const kept = KEPT_ATTRIBUTES[element.localName] ?? [];
    for (const attr of Array.from(element.attributes)) {
      if (!kept.includes(attr.name)) element.removeAttribute(attr.name);
    }
    if (element.localName === 'ol' && !/^\d{1,6}$/.test(element.getAttribute('start') ?? '1')) element.removeAttribute('start');
  }
}
