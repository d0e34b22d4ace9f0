/**
 * Every node class a story body may hold, in one list: the editor registers exactly these, and
 * `common/document.ts` accepts exactly their serialized types (paragraph, text, linebreak and tab
 * come with Lexical's core). Add a node here and to the document schema together.
 */
import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { PhotoNode } from './PhotoNode.js';

export const STORY_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  PhotoNode,
];
