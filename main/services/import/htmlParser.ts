/**
 * HTML as a tree for the importer, parsed by parse5: the WHATWG parsing algorithm browsers use
 * (implied closings, misnested formatting, raw-text elements, character references), linear in the
 * input. The hand-written parser it replaces retried every `<` of `<a <a <a …` to the end of the
 * file (96 KB took 75 s, issue 11). Nothing here executes or fetches anything: the tree is only
 * read by the importer, which builds the story from scratch.
 */
import { Parser, type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes, type Token } from 'parse5';

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

/**
 * Past this many open elements a start tag is left out (its text stays), as browsers cap the depth
 * of the tree they build (Blink at 512). The HTML algorithm's scope checks walk the open elements,
 * so without a cap 20,000 nested <div> take parse5 12 s and 40,000 take 50 s: quadratic.
 */
const MAX_OPEN_ELEMENTS = 256;
/** Start tags kept whatever the depth: they switch the tokenizer to raw text, and cannot nest. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

class BoundedParser extends Parser<DefaultTreeAdapterMap> {
  override onStartTag(token: Token.TagToken): void {
    if (this.openElements.stackTop >= MAX_OPEN_ELEMENTS && !RAW_TEXT.has(token.tagName)) return;
    super.onStartTag(token);
  }
}

/** Past this depth nesting is flattened into the element at this depth: no page needs 200 levels, and the importer's walk stays shallow. */
const MAX_DEPTH = 200;

type Parse5Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

function element(tag: string, attrs = new Map<string, string>()): HtmlElement {
  return { type: 'element', tag, attrs, children: [] };
}

/** The text under a parse5 node, in document order, read with an explicit stack. */
function textOf(node: Parse5Node): string {
  const parts: string[] = [];
  const stack: Parse5Node[] = [node];
  while (stack.length > 0) {
    const next = stack.pop() as Parse5Node;
    if (next.nodeName === '#text') parts.push((next as DefaultTreeAdapterTypes.TextNode).value);
    else if ('childNodes' in next) for (let i = next.childNodes.length - 1; i >= 0; i -= 1) stack.push(next.childNodes[i] as Parse5Node);
  }
  return parts.join('');
}

/** Parses a document or fragment; the result (`#document`) holds html, head and body as a browser builds them. */
export function parseHtml(html: string): HtmlElement {
  const document = BoundedParser.parse(html) as DefaultTreeAdapterTypes.Document;
  const root = element('#document');
  // An explicit stack, not recursion: 100,000 nested tags must not overflow the call stack.
  const stack: Array<{ from: Parse5Node; into: HtmlElement; depth: number }> = [{ from: document, into: root, depth: 0 }];
  while (stack.length > 0) {
    const { from, into, depth } = stack.pop() as (typeof stack)[number];
    const children = 'childNodes' in from ? from.childNodes : [];
    const pending: typeof stack = [];
    for (const child of children) {
      if (child.nodeName === '#text') {
        const text = (child as DefaultTreeAdapterTypes.TextNode).value;
        const last = into.children[into.children.length - 1];
        if (last?.type === 'text') last.text += text;
        else into.children.push({ type: 'text', text });
      } else if ('tagName' in child) {
        const attrs = new Map<string, string>();
        for (const attr of child.attrs) if (!attrs.has(attr.name)) attrs.set(attr.name, attr.value);
        if (depth >= MAX_DEPTH) {
          // Flattened: the element is left out, its text joins the element at the limit.
          const text = textOf(child);
          const last = into.children[into.children.length - 1];
          if (last?.type === 'text') last.text += text;
          else if (text !== '') into.children.push({ type: 'text', text });
          continue;
        }
        const node = element(child.tagName, attrs);
        into.children.push(node);
        pending.push({ from: child, into: node, depth: depth + 1 });
      }
      // Comments and the doctype: nothing for the story.
    }
    // Children are filled in document order (text merged in order) when taken from the stack.
    for (let i = pending.length - 1; i >= 0; i -= 1) stack.push(pending[i] as (typeof stack)[number]);
  }
  return root;
}

/** The text of a subtree, as a reader would see it (whitespace as written). */
export function textContent(node: HtmlNode): string {
  if (node.type === 'text') return node.text;
  const parts: string[] = [];
  const stack: HtmlNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop() as HtmlNode;
    if (next.type === 'text') parts.push(next.text);
    else for (let i = next.children.length - 1; i >= 0; i -= 1) stack.push(next.children[i] as HtmlNode);
  }
  return parts.join('');
}
