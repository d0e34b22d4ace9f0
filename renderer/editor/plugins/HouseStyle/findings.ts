/**
 * A house-style finding, found again in the editor. The checker reads the saved document
 * (common/houseStyle/blocks.ts): a finding names its block by the path of child indexes from the
 * root and a character range in the block's text, which is the block's text nodes (tabs included)
 * joined, a line break counting as '\n' and a nested list as nothing. The same reading here maps
 * the range back to the text nodes holding it, so the range can be painted, scrolled to and
 * replaced. A block whose text no longer matches the finding (typed since the check) is left
 * alone until the next check.
 */
import {
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import type { Finding } from '../../../../common/houseStyle/index.js';
import { $isPhotoNode, type PhotoNode } from '../../nodes/PhotoNode.js';

/** One text node or line break of a block, with where its text sits in the block's text. */
export interface BlockPiece {
  node: LexicalNode;
  from: number;
  to: number;
  kind: 'text' | 'tab' | 'linebreak';
}

export interface BlockText {
  text: string;
  pieces: BlockPiece[];
}

/** The node at `path` (child indexes from the root), or null when the body has none there now. */
export function $nodeAtPath(path: readonly number[]): LexicalNode | null {
  if (path.length === 0) return null;
  let node: LexicalNode = $getRoot();
  for (const index of path) {
    if (!$isElementNode(node)) return null;
    const child: LexicalNode | null = node.getChildAtIndex(index);
    if (child === null) return null;
    node = child;
  }
  return node;
}

/** The block's text as the checker reads it, and the node behind each character. */
export function $blockText(block: ElementNode): BlockText {
  const pieces: BlockPiece[] = [];
  let text = '';
  const visit = (node: LexicalNode) => {
    if ($isTextNode(node)) {
      const value = node.getTextContent();
      pieces.push({ node, from: text.length, to: text.length + value.length, kind: node.getType() === 'tab' ? 'tab' : 'text' });
      text += value;
    } else if ($isLineBreakNode(node)) {
      pieces.push({ node, from: text.length, to: text.length + 1, kind: 'linebreak' });
      text += '\n';
    } else if ($isElementNode(node) && node.getType() !== 'list') {
      // Links hold text; a nested list is its own blocks.
      for (const child of node.getChildren()) visit(child);
    }
  };
  for (const child of block.getChildren()) visit(child);
  return { text, pieces };
}

export type LocatedFinding =
  | { kind: 'text'; block: ElementNode; text: BlockText }
  | { kind: 'caption'; photo: PhotoNode; caption: string };

/** Where a body or caption finding is now, if its text is still there. */
export function $locateFinding(finding: Finding): LocatedFinding | null {
  if (finding.field === 'caption') {
    const node = $nodeAtPath(finding.path);
    if (!$isPhotoNode(node)) return null;
    const caption = node.getPhoto().caption;
    return caption.slice(finding.start, finding.end) === finding.text ? { kind: 'caption', photo: node, caption } : null;
  }
  if (finding.field !== 'body') return null;
  const node = $nodeAtPath(finding.path);
  if (!$isElementNode(node)) return null;
  const text = $blockText(node);
  return text.text.slice(finding.start, finding.end) === finding.text ? { kind: 'text', block: node, text } : null;
}

/**
 * Replaces the finding's text with `replacement`; only inside `editor.update`. The replacement
 * goes into the first text node of the range (keeping its formatting); the rest of the range is
 * taken out of the nodes it spans. False (and nothing changed) when the text is not there any more.
 */
export function $replaceFinding(finding: Finding, replacement: string): boolean {
  const found = $locateFinding(finding);
  if (found === null) return false;
  if (found.kind === 'caption') {
    const { caption, photo } = found;
    photo.setPhoto({ ...photo.getPhoto(), caption: caption.slice(0, finding.start) + replacement + caption.slice(finding.end) });
    return true;
  }
  const touched = found.text.pieces.filter((p) => p.from < finding.end && p.to > finding.start);
  const into = touched.find((p) => p.kind === 'text');
  // Tabs and line breaks cannot take text: they go only when the range covers them whole.
  const splitsAnUnwritable = touched.some((p) => p.kind !== 'text' && (p.from < finding.start || p.to > finding.end));
  if (touched.length === 0 || splitsAnUnwritable || (into === undefined && replacement !== '')) return false;
  for (const piece of touched) {
    if (piece.kind !== 'text') {
      piece.node.remove();
      continue;
    }
    const from = Math.max(finding.start, piece.from) - piece.from;
    const to = Math.min(finding.end, piece.to) - piece.from;
    (piece.node as TextNode).spliceText(from, to - from, piece === into ? replacement : '', false);
  }
  return true;
}

function firstText(element: Node): Text | null {
  if (element.nodeType === Node.TEXT_NODE) return element as Text;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/**
 * The DOM ranges showing each finding's text in the editor, keyed by finding id; findings whose
 * text is not on screen as checked (or that live outside the body text, such as captions) are left out.
 */
export function findingRanges(editor: LexicalEditor, findings: readonly Finding[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  editor.getEditorState().read(() => {
    const blocks = new Map<string, BlockText | null>();
    for (const finding of findings) {
      if (finding.field !== 'body' || finding.end <= finding.start) continue;
      const key = finding.path.join('.');
      let block = blocks.get(key);
      if (block === undefined) {
        const node = $nodeAtPath(finding.path);
        block = $isElementNode(node) ? $blockText(node) : null;
        blocks.set(key, block);
      }
      if (block === null || block.text.slice(finding.start, finding.end) !== finding.text) continue;
      const ranges: Range[] = [];
      for (const piece of block.pieces) {
        if (piece.kind === 'linebreak' || piece.to <= finding.start || piece.from >= finding.end) continue;
        const element = editor.getElementByKey(piece.node.getKey());
        const text = element ? firstText(element) : null;
        if (!text) continue;
        const range = document.createRange();
        range.setStart(text, Math.min(text.length, Math.max(finding.start, piece.from) - piece.from));
        range.setEnd(text, Math.min(text.length, Math.min(finding.end, piece.to) - piece.from));
        ranges.push(range);
      }
      if (ranges.length > 0) out.set(finding.id, ranges);
    }
  });
  return out;
}

/** Brings a body or caption finding into view; false when it is not in the editor as checked. */
export function scrollToFinding(editor: LexicalEditor, finding: Finding): boolean {
  const range = findingRanges(editor, [finding]).get(finding.id)?.[0];
  if (range) {
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    return true;
  }
  if (finding.field !== 'caption') return false;
  const key = editor.getEditorState().read(() => {
    const node = $nodeAtPath(finding.path);
    return $isPhotoNode(node) ? node.getKey() : null;
  });
  const element = key === null ? null : editor.getElementByKey(key);
  element?.scrollIntoView({ block: 'center' });
  return element !== null;
}
