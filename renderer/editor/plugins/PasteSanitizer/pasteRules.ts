/**
 * What a paste may leave in the editor: only what the story store accepts. Every pasted fragment,
 * from HTML or from another Lexical editor's clipboard (`application/x-lexical-editor`, which
 * Lexical would otherwise insert as it came), goes through the one repair in
 * common/documentRepair.ts before it is inserted; then the blocks the insertion touched are checked
 * against the store's schema and repaired in the same update. So autosave never meets a body the
 * store refuses (issue 11: `<h3><span><p>x</p></span></h3>` left "Invalid input at root.children.1").
 */
import {
  $createParagraphNode,
  $getRoot,
  $isElementNode,
  type BaseSelection,
  type LexicalEditor,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';
import { $generateNodesFromDOM } from '@lexical/html';
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes } from '@lexical/clipboard';
import { MAX_DEPTH, depthOf, storyBlockSchema } from '../../../../common/document.js';
import { repairStoryNodes } from '../../../../common/documentRepair.js';
import { parsePastedHtml } from './cleanPastedHtml.js';

export const LEXICAL_CLIPBOARD = 'application/x-lexical-editor';
/** A top-level block sits this deep in the stored document ({root: {children: [block]}}). */
const BLOCK_DEPTH = 3;

/** A node and everything under it as Lexical serializes it. */
function $serialize(node: LexicalNode): SerializedLexicalNode {
  const json = node.exportJSON() as SerializedLexicalNode & { children?: SerializedLexicalNode[] };
  if ($isElementNode(node)) json.children = node.getChildren().map($serialize);
  return json;
}

function $repaired(nodes: readonly unknown[]): LexicalNode[] {
  return $generateNodesFromSerializedNodes(repairStoryNodes(nodes) as unknown as SerializedLexicalNode[]);
}

/** Nodes from another editor's clipboard, repaired; null when it is not a payload for this editor. */
export function $nodesFromLexicalClipboard(editor: LexicalEditor, data: string): LexicalNode[] | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  if (payload === null || typeof payload !== 'object') return null;
  const { namespace, nodes } = payload as { namespace?: unknown; nodes?: unknown };
  // As Lexical does: another editor's namespace may mean other node types; its HTML is used instead.
  if (namespace !== editor._config.namespace || !Array.isArray(nodes)) return null;
  return $repaired(nodes);
}

/** Nodes from clipboard HTML: cleaned (cleanPastedHtml.ts), imported by Lexical, then repaired. */
export function $nodesFromHtml(editor: LexicalEditor, html: string): LexicalNode[] {
  return $repaired($generateNodesFromDOM(editor, parsePastedHtml(html)).map($serialize));
}

function storable(block: SerializedLexicalNode): boolean {
  return depthOf(block) + BLOCK_DEPTH <= MAX_DEPTH && storyBlockSchema.safeParse(block).success;
}

/**
 * Repairs, in place, every top-level block the store would refuse. Run in the paste's own update
 * after the insertion: inserting into a subhead or a list item can nest what was fine on its own.
 */
export function $keepBodyStorable(): void {
  for (const block of $getRoot().getChildren()) {
    const json = $serialize(block);
    if (storable(json)) continue;
    const repaired = $repaired([json]);
    for (const node of repaired) block.insertBefore(node);
    if (repaired.length > 0) repaired[repaired.length - 1]?.selectEnd();
    block.remove();
  }
  if ($getRoot().getChildrenSize() === 0) {
    const paragraph = $createParagraphNode();
    $getRoot().append(paragraph);
    paragraph.select();
  }
}

/** Inserts repaired nodes at the selection, then holds the whole body to the store's rules. */
export function $insertPastedNodes(editor: LexicalEditor, nodes: LexicalNode[], selection: BaseSelection): void {
  $insertGeneratedNodes(editor, nodes, selection);
  $keepBodyStorable();
}
