/**
 * The body's formatting bar: block style (paragraph, subheads, quote, lists), bold, italic, link,
 * photos, undo and redo. Keyboard users have the same through Lexical's shortcuts (Ctrl/Cmd+B, I, Z,
 * Shift+Z, K); the buttons show what applies at the caret.
 */
import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type LexicalNode,
} from 'lexical';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode } from '@lexical/list';
import { $isLinkNode } from '@lexical/link';
import { OPEN_LINK_EDITOR_COMMAND } from '../LinkEditor/index.js';
import { InsertPhotoButton } from '../PhotoImport/index.js';

const BLOCK_TYPES = {
  paragraph: 'Paragraph',
  h2: 'Subhead',
  h3: 'Small subhead',
  quote: 'Quote',
  bullet: 'Bulleted list',
  number: 'Numbered list',
} as const;
type BlockType = keyof typeof BLOCK_TYPES;

const IS_APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_APPLE ? '⌘' : 'Ctrl+';

function $blockTypeOf(node: LexicalNode): BlockType {
  const list = $getNearestNodeOfType(node, ListNode);
  if (list) return list.getListType() === 'number' ? 'number' : 'bullet';
  const block =
    node.getKey() === 'root' ? node : $findMatchingParent(node, (n) => { const parent = n.getParent(); return parent !== null && $isRootOrShadowRoot(parent); });
  if ($isHeadingNode(block)) return block.getTag() === 'h3' ? 'h3' : 'h2';
  if ($isQuoteNode(block)) return 'quote';
  if ($isListNode(block)) return block.getListType() === 'number' ? 'number' : 'bullet';
  return 'paragraph';
}

/** Keeps the caret in the body when a toolbar button is pressed. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [blockType, setBlockType] = useState<BlockType>('paragraph');
  const [bold, setBold] = useState(false);
  const [italic, setItalic] = useState(false);
  const [inLink, setInLink] = useState(false);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  // A locked story (approved, published) is read-only: nothing to format, so no formatting bar.
  const [editable, setEditable] = useState(() => editor.isEditable());
  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  const $readSelection = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    setBold(selection.hasFormat('bold'));
    setItalic(selection.hasFormat('italic'));
    setInLink($findMatchingParent(selection.anchor.getNode(), $isLinkNode) !== null);
    setBlockType($blockTypeOf(selection.anchor.getNode()));
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read($readSelection)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            $readSelection();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (value) => {
            setCanUndo(value);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (value) => {
            setCanRedo(value);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, $readSelection],
  );

  const setBlock = (next: BlockType) => {
    if (next === 'bullet') editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    else if (next === 'number') editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    else {
      editor.update(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return;
        if (next === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
        else if (next === 'quote') $setBlocksType(selection, () => $createQuoteNode());
        else $setBlocksType(selection, () => $createHeadingNode(next));
      });
    }
    editor.focus();
  };

  if (!editable) return null;

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" data-testid="toolbar">
      <select
        aria-label="Block style"
        data-testid="block-type"
        value={blockType}
        onChange={(event) => setBlock(event.target.value as BlockType)}
      >
        {Object.entries(BLOCK_TYPES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <span className="toolbar-gap" />
      <button
        type="button"
        className="tool tool-bold"
        aria-pressed={bold}
        title={`Bold (${MOD}B)`}
        aria-label="Bold"
        data-testid="format-bold"
        onMouseDown={keepFocus}
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}
      >
        B
      </button>
      <button
        type="button"
        className="tool tool-italic"
        aria-pressed={italic}
        title={`Italic (${MOD}I)`}
        aria-label="Italic"
        data-testid="format-italic"
        onMouseDown={keepFocus}
        onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}
      >
        I
      </button>
      <button
        type="button"
        className="tool"
        aria-pressed={inLink}
        title={`Link (${MOD}K)`}
        data-testid="format-link"
        onMouseDown={keepFocus}
        onClick={() => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined)}
      >
        Link
      </button>
      <InsertPhotoButton />
      <span className="toolbar-gap" />
      <button
        type="button"
        className="tool"
        disabled={!canUndo}
        title={`Undo (${MOD}Z)`}
        data-testid="undo"
        onMouseDown={keepFocus}
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
      >
        Undo
      </button>
      <button
        type="button"
        className="tool"
        disabled={!canRedo}
        title={`Redo (${MOD}${IS_APPLE ? '⇧Z' : 'Shift+Z'})`}
        data-testid="redo"
        onMouseDown={keepFocus}
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
      >
        Redo
      </button>
    </div>
  );
}
