/**
 * Keeps the body inside what the story store accepts (common/document.ts), whatever put it there:
 * typing, shortcuts, pasted Lexical JSON from another editor, or dropped HTML. It runs as node
 * transforms, so a rule holds before the state is ever serialized for a save.
 *
 * - Subheads are h2 or h3: the headline is its own field.
 * - House style decides how copy looks: inline styles and alignment are dropped, and text keeps
 *   only bold and italic.
 * - Links keep only http, https, mailto and tel addresses; any other link is unwrapped to its text.
 * - A quote holds text, not blocks (Lexical's "shadow root" quote is split into plain quotes).
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $isElementNode,
  ElementNode,
  ParagraphNode,
  TextNode,
  type LexicalEditor,
  type TextFormatType,
} from 'lexical';
import { mergeRegister } from '@lexical/utils';
import { $createQuoteNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { isStoryLink } from '../../links.js';

const DROPPED_FORMATS: readonly TextFormatType[] = [
  'underline',
  'strikethrough',
  'highlight',
  'code',
  'subscript',
  'superscript',
  'lowercase',
  'uppercase',
  'capitalize',
];

function $keepHouseText(node: TextNode): void {
  if (node.getStyle() !== '') node.setStyle('');
  for (const format of DROPPED_FORMATS) {
    if (node.hasFormat(format)) node.toggleFormat(format);
  }
}

function $dropAlignment(node: ElementNode): void {
  if (node.getFormatType() !== '') node.setFormat('');
  if (node instanceof ParagraphNode && node.getTextStyle() !== '') node.setTextStyle('');
}

function $subheadOnly(node: HeadingNode): void {
  $dropAlignment(node);
  const tag = node.getTag();
  if (tag === 'h1') node.setTag('h2');
  else if (tag === 'h4' || tag === 'h5' || tag === 'h6') node.setTag('h3');
}

function $safeLinkOnly(node: LinkNode): void {
  if (!isStoryLink(node.getURL())) {
    for (const child of node.getChildren()) node.insertBefore(child);
    node.remove();
    return;
  }
  // A story link opens where the reader's app decides, not where the source page said.
  if (node.getTarget() !== null) node.setTarget(null);
}

function $quoteOfText(node: QuoteNode): void {
  $dropAlignment(node);
  const children = node.getChildren();
  if (!children.some((child) => $isElementNode(child) && !child.isInline())) return;
  let inlineRun: QuoteNode | null = null;
  for (const child of children) {
    if ($isElementNode(child) && !child.isInline()) {
      inlineRun = null;
      if (child instanceof ParagraphNode) {
        const quote = $createQuoteNode();
        quote.append(...child.getChildren());
        node.insertBefore(quote);
        child.remove();
      } else {
        node.insertBefore(child);
      }
    } else {
      if (inlineRun === null) {
        inlineRun = $createQuoteNode();
        node.insertBefore(inlineRun);
      }
      inlineRun.append(child);
    }
  }
  node.remove();
}

export function registerDocumentRules(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(TextNode, $keepHouseText),
    editor.registerNodeTransform(ParagraphNode, $dropAlignment),
    editor.registerNodeTransform(HeadingNode, $subheadOnly),
    editor.registerNodeTransform(QuoteNode, $quoteOfText),
    editor.registerNodeTransform(ListNode, $dropAlignment),
    editor.registerNodeTransform(ListItemNode, $dropAlignment),
    editor.registerNodeTransform(LinkNode, $safeLinkOnly),
    editor.registerNodeTransform(AutoLinkNode, $safeLinkOnly),
  );
}

export function DocumentRulesPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerDocumentRules(editor), [editor]);
  return null;
}
