/**
 * A small, forgiving HTML parser: tags, attributes, comments, raw-text elements (script, style…)
 * and character references, built into a tree with the implied closings browsers apply to copy
 * (a new <p> or <li> closes the open one, a block closes an open <p>, stray end tags are ignored).
 * No parse5 or htmlparser2 is installed, and happy-dom (a test-time dependency) runs a browser
 * environment we do not want near untrusted files. Nothing here executes or fetches anything: the
 * tree is only read by the importer, which builds the story from scratch.
 */

export interface HtmlElement {
  type: 'element';
  tag: string;
  attrs: Map<string, string>;
  children: HtmlNode[];
}
export interface HtmlText {
  type: 'text';
  text: string;
}
export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is not markup: read to their end tag as text. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
const ESCAPABLE_RAW_TEXT = new Set(['textarea', 'title']);
/** Starting one of these closes an open <p>. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'ul', 'li', 'dd', 'dt',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Where an implied closing stops looking further up the tree. */
const SCOPE = new Set(['html', 'body', 'table', 'td', 'th', 'caption', 'template', 'blockquote', 'div', 'section', 'article', 'main', 'figure']);
const MAX_DEPTH = 200;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad', mdash: '—', ndash: '–', minus: '−', hellip: '…', lsquo: '‘', rsquo: '’',
  sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·',
  prime: '′', Prime: '″', dagger: '†', Dagger: '‡', permil: '‰', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±',
  times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', micro: 'µ', para: '¶',
  sect: '§', cent: '¢', pound: '£', yen: '¥', euro: '€', curren: '¤', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º',
  not: '¬', macr: '¯', acute: '´', cedil: '¸', uml: '¨', brvbar: '¦', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
  szlig: 'ß', AElig: 'Æ', aelig: 'æ', OElig: 'Œ', oelig: 'œ', Oslash: 'Ø', oslash: 'ø', ETH: 'Ð', eth: 'ð', THORN: 'Þ',
  thorn: 'þ', Scaron: 'Š', scaron: 'š', Zcaron: 'Ž', zcaron: 'ž', Yuml: 'Ÿ', yuml: 'ÿ', fnof: 'ƒ', circ: 'ˆ', tilde: '˜',
};
// Accented Latin letters by pattern: &eacute; &Agrave; &ccedil; &ntilde; &ouml; &aring; …
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a', cedil: '\u0327' };
// Windows-1252 bytes 0x80–0x9F, which old pages write as &#150; and the like (HTML spec remaps them).
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function namedEntity(name: string): string | undefined {
  const known = NAMED[name];
  if (known !== undefined) return known;
  const accent = /^([A-Za-z])(acute|grave|circ|tilde|uml|ring|cedil)$/.exec(name);
  if (accent) return ((accent[1] as string) + (ACCENTS[accent[2] as string] as string)).normalize('NFC');
  return undefined;
}

function codePoint(value: number): string {
  if (value >= 0x80 && value <= 0x9f) return WINDOWS_1252.charAt(value - 0x80);
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(value);
}

/** Decodes character references; an unknown name stays as typed, as browsers leave it. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return codePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16));
    const decoded = namedEntity(name as string);
    // Without the semicolon only the old, common names are recognised (as browsers do).
    if (decoded === undefined || (!whole.endsWith(';') && !['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg'].includes(name as string))) return whole;
    return decoded;
  });
}

function element(tag: string, attrs = new Map<string, string>()): HtmlElement {
  return { type: 'element', tag, attrs, children: [] };
}

const SPACE = /[\t\n\f\r ]/;

/** Reads `<tag attr="value" …>` at `at` by hand (a regex here can backtrack badly on junk). */
function readStartTag(html: string, at: number): { tag: string; attrs: Map<string, string>; selfClosing: boolean; end: number } | null {
  let j = at + 1;
  if (!/[a-zA-Z]/.test(html.charAt(j))) return null;
  const nameStart = j;
  while (j < html.length && !SPACE.test(html.charAt(j)) && html[j] !== '/' && html[j] !== '>') j += 1;
  const tag = html.slice(nameStart, j).toLowerCase();
  const attrs = new Map<string, string>();
  let selfClosing = false;
  for (;;) {
    while (j < html.length && (SPACE.test(html.charAt(j)) || html[j] === '/')) {
      selfClosing = html[j] === '/';
      j += 1;
    }
    if (j >= html.length) return null;
    if (html[j] === '>') return { tag, attrs, selfClosing, end: j + 1 };
    selfClosing = false;
    const attrStart = j;
    j += 1;
    while (j < html.length && !SPACE.test(html.charAt(j)) && html[j] !== '=' && html[j] !== '>' && html[j] !== '/') j += 1;
    const name = html.slice(attrStart, j).toLowerCase();
    while (j < html.length && SPACE.test(html.charAt(j))) j += 1;
    let value = '';
    if (html[j] === '=') {
      j += 1;
      while (j < html.length && SPACE.test(html.charAt(j))) j += 1;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        if (close < 0) return null;
        value = html.slice(j + 1, close);
        j = close + 1;
      } else {
        const valueStart = j;
        while (j < html.length && !SPACE.test(html.charAt(j)) && html[j] !== '>') j += 1;
        value = html.slice(valueStart, j);
      }
    }
    if (!attrs.has(name)) attrs.set(name, decodeEntities(value));
  }
}

/** Parses a document or fragment; the result's children are the top-level nodes. */
export function parseHtml(html: string): HtmlElement {
  const root = element('#document');
  const stack: HtmlElement[] = [root];
  const current = () => stack[stack.length - 1] as HtmlElement;

  const addText = (value: string) => {
    if (value === '') return;
    const parent = current();
    const last = parent.children[parent.children.length - 1];
    if (last?.type === 'text') last.text += value;
    else parent.children.push({ type: 'text', text: value });
  };
  /** Closes the nearest open `tags` element, unless a scope boundary comes first. */
  const closeNearest = (tags: Set<string>, boundary: Set<string> = SCOPE) => {
    for (let i = stack.length - 1; i > 0; i -= 1) {
      const tag = (stack[i] as HtmlElement).tag;
      if (tags.has(tag)) {
        stack.length = i;
        return;
      }
      if (boundary.has(tag)) return;
    }
  };
  const open = (tag: string, attrs: Map<string, string>, selfClosing: boolean) => {
    if (CLOSES_P.has(tag)) closeNearest(new Set(['p']));
    if (tag === 'li') closeNearest(new Set(['li']), new Set([...SCOPE, 'ul', 'ol']));
    if (tag === 'dt' || tag === 'dd') closeNearest(new Set(['dt', 'dd']), new Set([...SCOPE, 'dl']));
    if (tag === 'tr') closeNearest(new Set(['tr']), new Set(['table']));
    if (tag === 'td' || tag === 'th') closeNearest(new Set(['td', 'th']), new Set(['table', 'tr']));
    if (HEADINGS.has(tag) && HEADINGS.has(current().tag)) stack.pop();
    if (tag === 'a') closeNearest(new Set(['a']));
    const node = element(tag, attrs);
    current().children.push(node);
    // Past a sane depth, nesting is flattened: no page needs 200 levels, and the walk stays shallow.
    if (!VOID.has(tag) && !selfClosing && stack.length < MAX_DEPTH) stack.push(node);
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      addText(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) addText(decodeEntities(html.slice(i, lt)));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      // Doctype, CDATA, processing instructions: nothing for the story.
      const end = html.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (html[i + 1] === '/' && /[a-zA-Z]/.test(html.charAt(i + 2))) {
      const gt = html.indexOf('>', i);
      const inner = html.slice(i + 2, gt < 0 ? n : gt);
      const tag = (/^[^\s/>]+/.exec(inner)?.[0] ?? '').toLowerCase();
      i = gt < 0 ? n : gt + 1;
      if (tag === 'br') {
        open('br', new Map(), true);
        continue;
      }
      for (let s = stack.length - 1; s > 0; s -= 1) {
        if ((stack[s] as HtmlElement).tag === tag) {
          stack.length = s;
          break;
        }
      }
      continue;
    }
    const start = readStartTag(html, i);
    if (!start) {
      addText('<');
      i += 1;
      continue;
    }
    const { tag } = start;
    i = start.end;
    open(tag, start.attrs, start.selfClosing);
    if (RAW_TEXT.has(tag) || ESCAPABLE_RAW_TEXT.has(tag)) {
      const closing = new RegExp(`</${tag}(?=[\\s/>])`, 'ig');
      closing.lastIndex = i;
      const found = closing.exec(html);
      const end = found ? found.index : n;
      const content = html.slice(i, end);
      if (current().tag === tag) {
        addText(ESCAPABLE_RAW_TEXT.has(tag) ? decodeEntities(content) : content);
        stack.pop();
      }
      const gt = found ? html.indexOf('>', end) : -1;
      i = gt < 0 ? n : gt + 1;
    }
  }
  return root;
}

/** The text of a subtree, as a reader would see it (whitespace as written). */
export function textContent(node: HtmlNode): string {
  if (node.type === 'text') return node.text;
  return node.children.map(textContent).join('');
}
