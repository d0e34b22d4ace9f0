/**
 * The one rule for what the editor may hold: exactly what the store accepts (common/document.ts),
 * applied as a repair. Any tree of serialized Lexical nodes (a paste of hostile or badly nested HTML,
 * another editor's `application/x-lexical-editor` clipboard, a refused save kept for recovery)
 * becomes blocks the store's schema accepts, keeping every word:
 *
 * - a block inside a paragraph, subhead or quote splits it there (`<h3>a<p>b</p></h3>` is a subhead
 *   "a" then a paragraph "b"); inside a list item or a link, the block's words join its text;
 * - a list holds list items, a list item holds text and lists, at most `MAX_LIST_LEVELS` deep
 *   (deeper items join their parent item's text);
 * - node types the story does not know give their text (or their children) and nothing else;
 * - unsafe links keep their text without the link; fields are rebuilt from known values only.
 *
 * The editor applies it after every paste (renderer/editor/plugins/PasteSanitizer/pasteRules.ts);
 * the store applies it to a refused body to keep it as a recovery revision. Plain data in, plain
 * data out: no Lexical here, so the same rule runs headless and is tested without a browser.
 */
import { isSafeUrl, photoNodeSchema, storyDocumentSchema, type StoryDocument } from './document.js';

type Json = Record<string, unknown>;

/** Lists nest at most this deep: deeper would pass the store's depth limit (MAX_DEPTH in document.ts). */
export const MAX_LIST_LEVELS = 6;
/** Past this depth of input (a crafted clipboard), only the text is read, without recursion. */
const MAX_INPUT_DEPTH = 200;
const TEXT_FORMATS = 2047;
const INLINE_TYPES = new Set(['text', 'linebreak', 'tab', 'link', 'autolink']);
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'quote']);

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function childrenOf(node: Json): unknown[] {
  return Array.isArray(node.children) ? node.children : [];
}

function int(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

function blockFields(node: Json): Json {
  return {
    version: int(node.version, 1, 100, 1),
    direction: node.direction === 'ltr' || node.direction === 'rtl' ? node.direction : null,
    // House style decides alignment (DocumentRules drops it in the editor too).
    format: '',
    indent: 0,
  };
}

function textNode(text: string, format = 0): Json {
  return { type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' };
}

const LINE_BREAK: Json = { type: 'linebreak', version: 1 };

/** Every word under `value`, read with an explicit stack (for input nested past MAX_INPUT_DEPTH). */
function flatText(value: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (typeof node.text === 'string') parts.push(node.text);
    else if (node.type === 'linebreak') parts.push('\n');
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return parts.join('');
}

function isInline(node: unknown): boolean {
  return isObject(node) && typeof node.type === 'string' && INLINE_TYPES.has(node.type);
}

/** Appends `more` to `out`, with a line break between two runs of words. */
function joinRun(out: Json[], more: Json[]): void {
  if (more.length === 0) return;
  if (out.length > 0) out.push({ ...LINE_BREAK });
  out.push(...more);
}

/**
 * The inline content of any node, as a paragraph's children: text, line breaks, tabs and safe links
 * (`inLink`: no link inside a link). Blocks met on the way give their words, separated by line breaks.
 */
function inlines(node: unknown, inLink: boolean, depth: number, out: Json[]): void {
  if (!isObject(node)) return;
  if (depth > MAX_INPUT_DEPTH) {
    const text = flatText(node);
    if (text !== '') out.push(textNode(text));
    return;
  }
  switch (node.type) {
    case 'text': {
      if (typeof node.text !== 'string' || node.text === '') return;
      const format = typeof node.format === 'number' && Number.isInteger(node.format) && node.format >= 0 ? node.format & TEXT_FORMATS : 0;
      out.push(textNode(node.text, format));
      return;
    }
    case 'linebreak':
      out.push({ ...LINE_BREAK });
      return;
    case 'tab':
      out.push({ type: 'tab', version: 1, text: '\t', format: 0, detail: 2, mode: 'normal', style: '' });
      return;
    case 'link':
    case 'autolink': {
      const url = typeof node.url === 'string' ? node.url.trim() : '';
      const content: Json[] = [];
      for (const child of childrenOf(node)) inlines(child, true, depth + 1, content);
      if (inLink || url.length > 4096 || !isSafeUrl(url)) {
        out.push(...content);
        return;
      }
      if (content.length === 0) return;
      out.push({
        type: node.type,
        ...blockFields(node),
        url,
        rel: typeof node.rel === 'string' ? node.rel : null,
        target: null,
        title: typeof node.title === 'string' ? node.title : null,
        children: content,
      });
      return;
    }
    case 'photo': {
      const caption = typeof node.caption === 'string' ? node.caption.trim() : '';
      if (caption !== '') out.push(textNode(caption));
      return;
    }
    default: {
      if (typeof node.text === 'string') {
        if (node.text !== '') out.push(textNode(node.text));
        return;
      }
      // A block or an unknown element: its words, each block's on a line of its own.
      const own: Json[] = [];
      for (const child of childrenOf(node)) {
        if (isInline(child)) inlines(child, inLink, depth + 1, own);
        else {
          const inner: Json[] = [];
          inlines(child, inLink, depth + 1, inner);
          joinRun(own, inner);
        }
      }
      if (!isKnownBlock(node.type)) out.push(...own);
      else joinRun(out, own);
    }
  }
}

function textBlock(node: Json, children: Json[]): Json {
  if (node.type === 'heading') {
    const tag = node.tag === 'h1' || node.tag === 'h2' ? 'h2' : 'h3';
    return { type: 'heading', ...blockFields(node), tag: node.tag === undefined ? 'h2' : tag, children };
  }
  if (node.type === 'quote') return { type: 'quote', ...blockFields(node), children };
  return { type: 'paragraph', ...blockFields(node), textFormat: 0, textStyle: '', children };
}

function listOf(node: Json, level: number, depth: number): Json | null {
  const listType = node.listType === 'number' ? 'number' : 'bullet';
  const items: Json[] = [];
  for (const child of childrenOf(node)) {
    if (isObject(child) && (child.type === 'listitem' || child.type === 'list')) {
      // A list straight inside a list is an item holding that list, as Lexical keeps it.
      items.push(...listItems(child.type === 'list' ? { type: 'listitem', children: [child] } : child, level, depth + 1));
    } else {
      const content: Json[] = [];
      inlines(child, false, depth + 1, content);
      if (content.length > 0) items.push(listItem({}, content));
    }
  }
  if (items.length === 0) return null;
  items.forEach((item, i) => (item.value = i + 1));
  return {
    type: 'list',
    ...blockFields(node),
    listType,
    start: int(node.start, 1, 1_000_000, 1),
    tag: listType === 'number' ? 'ol' : 'ul',
    children: items,
  };
}

function listItem(node: Json, children: Json[]): Json {
  return { type: 'listitem', ...blockFields(node), value: 1, children };
}

/**
 * A list item as Lexical keeps one: its words, and each nested list in an item of its own after
 * them (so the words stay in reading order). Past MAX_LIST_LEVELS a nested list's words join the item.
 */
function listItems(node: Json, level: number, depth: number): Json[] {
  const items: Json[] = [];
  let run: Json[] = [];
  let empty = true;
  const flush = () => {
    if (run.length > 0) items.push(listItem(node, run));
    run = [];
  };
  for (const child of childrenOf(node)) {
    if (isObject(child) && child.type === 'list' && level < MAX_LIST_LEVELS && depth <= MAX_INPUT_DEPTH) {
      const nested = listOf(child, level + 1, depth + 1);
      if (nested === null) continue;
      flush();
      items.push(listItem(node, [nested]));
      empty = false;
    } else if (isInline(child)) {
      inlines(child, false, depth + 1, run);
    } else {
      const content: Json[] = [];
      inlines(child, false, depth + 1, content);
      joinRun(run, content);
    }
  }
  if (run.length > 0) empty = false;
  flush();
  // An empty item is a bullet the reporter started: it stays.
  return empty ? [listItem(node, [])] : items;
}

/** Top-level blocks made from `node`, appended to `out`; inline runs wait in `run` for a paragraph. */
function blocks(node: unknown, depth: number, out: Json[]): void {
  if (!isObject(node)) return;
  if (depth > MAX_INPUT_DEPTH) {
    const text = flatText(node);
    if (text !== '') out.push(textBlock({ type: 'paragraph' }, [textNode(text)]));
    return;
  }
  const type = typeof node.type === 'string' ? node.type : '';
  if (TEXT_BLOCKS.has(type)) {
    let run: Json[] = [];
    let made = false;
    const flush = () => {
      if (run.length > 0) {
        out.push(textBlock(node, run));
        made = true;
      }
      run = [];
    };
    for (const child of childrenOf(node)) {
      // Unknown elements give their words to the run; known blocks split the block here.
      if (!isObject(child) || !isKnownBlock(child.type)) inlines(child, false, depth + 1, run);
      else if (child.type === 'paragraph') {
        // `<h3><p>x</p></h3>`: the subhead's own words, written as a paragraph.
        const inner: Json[] = [];
        inlines(child, false, depth + 1, inner);
        joinRun(run, inner);
      } else {
        flush();
        const before = out.length;
        blocks(child, depth + 1, out);
        if (out.length > before) made = true;
      }
    }
    flush();
    // An empty paragraph is a line the reporter left: it stays.
    if (!made) out.push(textBlock(node, []));
    return;
  }
  if (type === 'list' || type === 'listitem') {
    const list = listOf(type === 'list' ? node : { type: 'list', children: [node] }, 1, depth);
    if (list !== null) out.push(list);
    return;
  }
  if (type === 'photo') {
    const photo = photoNodeSchema.safeParse(node);
    if (photo.success) out.push(photo.data as Json);
    else {
      const words: Json[] = [];
      inlines(node, false, depth, words);
      if (words.length > 0) out.push(textBlock({ type: 'paragraph' }, words));
    }
    return;
  }
  if (isInline(node) || typeof node.text === 'string') {
    const words: Json[] = [];
    inlines(node, false, depth, words);
    if (words.length > 0) out.push(textBlock({ type: 'paragraph' }, words));
    return;
  }
  // The root, or an element the story does not know: what it holds, in order.
  repairBlocks(childrenOf(node), depth + 1, out);
}

function isKnownBlock(type: unknown): boolean {
  return type === 'paragraph' || type === 'heading' || type === 'quote' || type === 'list' || type === 'listitem' || type === 'photo' || type === 'root';
}

function repairBlocks(nodes: readonly unknown[], depth: number, out: Json[]): void {
  let run: Json[] = [];
  const flush = () => {
    if (run.length > 0) out.push(textBlock({ type: 'paragraph' }, run));
    run = [];
  };
  for (const node of nodes) {
    if (isInline(node)) inlines(node, false, depth, run);
    else {
      flush();
      blocks(node, depth, out);
    }
  }
  flush();
}

/**
 * Serialized nodes as the store accepts them, for inserting into the editor: a run of inline nodes
 * (part of a paragraph copied) stays inline; anything holding a block becomes top-level blocks.
 */
export function repairStoryNodes(nodes: readonly unknown[]): Json[] {
  if (nodes.every(isInline)) {
    const out: Json[] = [];
    for (const node of nodes) inlines(node, false, 0, out);
    return out;
  }
  const out: Json[] = [];
  repairBlocks(nodes, 0, out);
  return out;
}

/** Any value (a refused body, a crafted clipboard) as a document the store accepts, with its words. */
export function repairStoryDocument(value: unknown): StoryDocument {
  const root = isObject(value) && isObject(value.root) ? value.root : value;
  const out: Json[] = [];
  if (Array.isArray(root)) repairBlocks(root, 0, out);
  else if (isObject(root)) repairBlocks(childrenOf(root), 0, out);
  if (out.length === 0) out.push(textBlock({ type: 'paragraph' }, []));
  return storyDocumentSchema.parse({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: out } });
}
