/**
 * Backspace at the start of the block after a photo (or Delete at the end of the block before
 * one) selects the photo instead of deleting it outright; the next press removes it. Lexical's own
 * rule deletes a block decorator at once, and a photo with its caption and credit is a lot to lose
 * to one key pressed while joining two paragraphs.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createNodeSelection,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  type ElementNode,
  type PointType,
} from 'lexical';
import { mergeRegister } from '@lexical/utils';
import { $isPhotoNode, type PhotoNode } from '../../nodes/PhotoNode.js';

function atStartOf(block: ElementNode, point: PointType): boolean {
  if (point.offset !== 0) return false;
  const node = point.getNode();
  const first = block.getFirstDescendant();
  return node.is(block) || (first !== null && node.is(first));
}

function atEndOf(block: ElementNode, point: PointType): boolean {
  const node = point.getNode();
  if (node.is(block)) return point.offset === block.getChildrenSize();
  const last = block.getLastDescendant();
  return last !== null && node.is(last) && point.offset === ($isElementNode(last) ? last.getChildrenSize() : last.getTextContentSize());
}

/** The photo the key would delete, with the block the caret is in. */
function $photoBeside(backward: boolean): { photo: PhotoNode; block: ElementNode } | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
  const block = selection.anchor.getNode().getTopLevelElement();
  if (!$isElementNode(block)) return null;
  const beside = backward ? block.getPreviousSibling() : block.getNextSibling();
  if (!$isPhotoNode(beside)) return null;
  const atEdge = backward ? atStartOf(block, selection.anchor) : atEndOf(block, selection.anchor);
  return atEdge ? { photo: beside, block } : null;
}

export function PhotoKeysPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const stepOntoPhoto = (backward: boolean) => (event: KeyboardEvent | null) => {
      const found = $photoBeside(backward);
      if (!found) return false;
      event?.preventDefault();
      // An empty paragraph beside the photo goes, as the key would take it anyway; not the last
      // block, though, or there would be nowhere left to type after the photo.
      if (found.block.isEmpty() && (!backward || found.block.getNextSibling() !== null)) found.block.remove();
      const selection = $createNodeSelection();
      selection.add(found.photo.getKey());
      $setSelection(selection);
      return true;
    };
    return mergeRegister(
      editor.registerCommand(KEY_BACKSPACE_COMMAND, stepOntoPhoto(true), COMMAND_PRIORITY_HIGH),
      editor.registerCommand(KEY_DELETE_COMMAND, stepOntoPhoto(false), COMMAND_PRIORITY_HIGH),
    );
  }, [editor]);
  return null;
}
