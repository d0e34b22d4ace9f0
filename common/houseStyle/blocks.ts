/**
 * The story as the copy desk reads it: one text block per paragraph, subhead, quote, list item and
 * photo caption, each with the path that finds it again in the Lexical document, so a finding's
 * character range can be underlined in the editor.
 */
import type { StoryDocument } from '../document.js';

export type BlockField = 'headline' | 'standfirst' | 'body' | 'caption';
export type BlockKind = 'headline' | 'standfirst' | 'paragraph' | 'heading' | 'quote' | 'listitem' | 'caption';

export interface CheckedBlock {
  field: BlockField;
  kind: BlockKind;
  /** Child indexes from `root.children` down to the node holding the text; [] for headline and standfirst. */
  path: number[];
  /** The block's text: text and tab nodes as written, a line break as '\n'. */
  text: string;
}

interface AnyNode {
  type?: unknown;
  text?: unknown;
  caption?: unknown;
  children?: unknown;
}

function inlineText(node: AnyNode): string {
  if (node.type === 'text' || node.type === 'tab') return typeof node.text === 'string' ? node.text : '';
  if (node.type === 'linebreak') return '\n';
  if (node.type === 'list') return '';
  if (Array.isArray(node.children)) return (node.children as AnyNode[]).map(inlineText).join('');
  return '';
}

function listBlocks(list: AnyNode, path: number[], out: CheckedBlock[]): void {
  const items = Array.isArray(list.children) ? (list.children as AnyNode[]) : [];
  items.forEach((item, i) => {
    const itemPath = [...path, i];
    const text = inlineText(item);
    if (text !== '') out.push({ field: 'body', kind: 'listitem', path: itemPath, text });
    const children = Array.isArray(item.children) ? (item.children as AnyNode[]) : [];
    children.forEach((child, c) => {
      if (child.type === 'list') listBlocks(child, [...itemPath, c], out);
    });
  });
}

/** The body's text blocks, in reading order; plain strings are paragraphs. */
export function bodyBlocks(body: StoryDocument | readonly string[]): CheckedBlock[] {
  const out: CheckedBlock[] = [];
  if (Array.isArray(body)) {
    (body as readonly string[]).forEach((text, i) => out.push({ field: 'body', kind: 'paragraph', path: [i], text }));
    return out;
  }
  ((body as StoryDocument).root.children as AnyNode[]).forEach((node, i) => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        out.push({ field: 'body', kind: node.type, path: [i], text: inlineText(node) });
        break;
      case 'list':
        listBlocks(node, [i], out);
        break;
      case 'photo':
        if (typeof node.caption === 'string' && node.caption !== '') out.push({ field: 'caption', kind: 'caption', path: [i], text: node.caption });
        break;
    }
  });
  return out;
}
