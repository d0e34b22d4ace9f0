/**
 * Adds, changes and removes links: Ctrl/Cmd+K or the toolbar's Link button opens a small address
 * bar over the body. Only addresses a story may carry are accepted; a bare "example.com" gets
 * https:// and "desk@example.com" gets mailto:.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createRangeSelectionFromDom,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  KEY_DOWN_COMMAND,
  createCommand,
  type BaseSelection,
} from 'lexical';
import { $createLinkNode, $isLinkNode, $toggleLink, type LinkNode } from '@lexical/link';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import { linkFromTyped } from '../../links.js';

export const OPEN_LINK_EDITOR_COMMAND = createCommand<void>('OPEN_LINK_EDITOR_COMMAND');

function $linkAtSelection(selection: BaseSelection | null): LinkNode | null {
  if (!$isRangeSelection(selection)) return null;
  return $findMatchingParent(selection.anchor.getNode(), $isLinkNode) as LinkNode | null;
}

export function LinkEditorPlugin() {
  const [editor] = useLexicalComposerContext();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [editingLink, setEditingLink] = useState(false);
  const selectionWhenOpened = useRef<BaseSelection | null>(null);
  const input = useRef<HTMLInputElement>(null);

  /**
   * Runs inside the command's update. The browser's own selection is read first: Lexical learns
   * of a quick Shift+Arrow selection only at the next 'selectionchange', which a busy machine can
   * deliver after the Ctrl/Cmd+K that follows it.
   */
  const $openEditor = useCallback(() => {
    const dom = window.getSelection();
    const root = editor.getRootElement();
    const fromDom = dom !== null && root !== null && dom.rangeCount > 0 && root.contains(dom.anchorNode) ? $createRangeSelectionFromDom(dom, editor) : null;
    const selection = fromDom ?? $getSelection();
    selectionWhenOpened.current = selection ? selection.clone() : null;
    const link = $linkAtSelection(selection);
    setAddress(link ? link.getURL() : '');
    setEditingLink(link !== null);
    setProblem(null);
    setOpen(true);
  }, [editor]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          OPEN_LINK_EDITOR_COMMAND,
          () => {
            $openEditor();
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const isLinkShortcut = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
            if (!isLinkShortcut) return false;
            event.preventDefault();
            $openEditor();
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor, $openEditor],
  );

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    editor.focus();
  };

  const $restoreSelection = () => {
    const saved = selectionWhenOpened.current;
    if (saved) $setSelection(saved.clone());
  };

  const remove = () => {
    editor.update(() => {
      $restoreSelection();
      $toggleLink(null);
    });
    close();
  };

  const apply = () => {
    if (address.trim() === '') {
      remove();
      return;
    }
    const url = linkFromTyped(address);
    if (url === null) {
      setProblem('Links must be web, mail or phone addresses, such as https://example.com or desk@example.com');
      return;
    }
    editor.update(() => {
      $restoreSelection();
      const selection = $getSelection();
      if ($isRangeSelection(selection) && selection.isCollapsed() && $linkAtSelection(selection) === null) {
        // Nothing selected: insert the address itself as the link text.
        const link = $createLinkNode(url);
        link.append($createTextNode(address.trim()));
        selection.insertNodes([link]);
      } else {
        $toggleLink(url);
      }
    });
    close();
  };

  if (!open) return null;
  return (
    <div className="link-editor" role="dialog" aria-label="Link address" data-testid="link-editor">
      <input
        ref={input}
        type="text"
        inputMode="url"
        value={address}
        placeholder="https://… or name@example.com"
        aria-label="Link address"
        aria-invalid={problem !== null}
        data-testid="link-url"
        onChange={(event) => {
          setAddress(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      />
      <button type="button" onClick={apply} data-testid="link-apply">
        {editingLink ? 'Update link' : 'Add link'}
      </button>
      {editingLink && (
        <button type="button" onClick={remove} data-testid="link-remove">
          Remove link
        </button>
      )}
      <button type="button" className="quiet" onClick={close}>
        Cancel
      </button>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
