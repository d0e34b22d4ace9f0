/**
 * Every node class a story body may hold, headless: the engine's story docs use exactly these,
 * and the editor's registry (renderer/editor/nodes) lists the same classes with the photo's
 * figure subclass in place of StoryPhotoNode.
 */
import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { StoryPhotoNode } from './photoNode.js';

export const STORY_DOC_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  StoryPhotoNode,
];
