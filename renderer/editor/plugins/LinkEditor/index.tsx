/**
 * Adds, changes and removes links: Ctrl/Cmd+K or the toolbar's Link button opens a small address
 * bar at the selection. Only addresses a story may carry are accepted; a bare "example.com" gets
 * https:// and "desk@example.com" gets mailto:. The text never scrolls for it (the bar is placed
 * in the window, not in the page, and takes the focus without scrolling), and after Add link the
 * caret is after the link, so the next key types on instead of replacing the linked words
 * (issue 13: typing "." deleted the link and its words).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
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

/** Collapses the selection after the link it ends in (or at its end when it ends in none). */
function $caretAfterLink(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const end = selection.isBackward() ? selection.anchor : selection.focus;
  const link = $findMatchingParent(end.getNode(), $isLinkNode);
  if (link) {
    link.selectNext(0, 0);
    return;
  }
  selection.anchor.set(end.key, end.offset, end.type);
  selection.focus.set(end.key, end.offset, end.type);
}

/** Where the selection is in the window: a range's box, or its element's when the range has none. */
function selectionBox(range: Range | null, fallback: HTMLElement | null): DOMRect | null {
  if (range) {
    const box = range.getBoundingClientRect();
    if (box.width > 0 || box.height > 0) return box;
    const first = range.getClientRects()[0];
    if (first) return first;
    const node = range.startContainer;
    const element = node instanceof Element ? node : node.parentElement;
    if (element) return element.getBoundingClientRect();
  }
  return fallback ? fallback.getBoundingClientRect() : null;
}

const GAP = 6;
const MARGIN = 8;

/** The bar below the selection, or above it when the window has no room below; always inside the window. */
function placeBar(box: DOMRect, bar: { width: number; height: number }): { top: number; left: number } {
  const below = box.bottom + GAP;
  const above = box.top - GAP - bar.height;
  const top = below + bar.height <= window.innerHeight - MARGIN || above < MARGIN ? below : above;
  const left = Math.min(Math.max(box.left, MARGIN), Math.max(MARGIN, window.innerWidth - bar.width - MARGIN));
  return { top: Math.min(Math.max(top, MARGIN), Math.max(MARGIN, window.innerHeight - bar.height - MARGIN)), left };
}

export function LinkEditorPlugin() {
  const [editor] = useLexicalComposerContext();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [editingLink, setEditingLink] = useState(false);
  const selectionWhenOpened = useRef<BaseSelection | null>(null);
  const rangeWhenOpened = useRef<Range | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const bar = useRef<HTMLDivElement>(null);

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
    rangeWhenOpened.current = fromDom !== null && dom !== null ? dom.getRangeAt(0).cloneRange() : null;
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

  // Placed before the browser paints, and again when the text scrolls under it or the window resizes.
  useLayoutEffect(() => {
    if (!open) return;
    const follow = () => {
      const element = bar.current;
      const box = selectionBox(rangeWhenOpened.current, editor.getRootElement());
      if (!element || !box) return;
      const { top, left } = placeBar(box, element.getBoundingClientRect());
      element.style.top = `${top}px`;
      element.style.left = `${left}px`;
    };
    follow();
    // Focus without scrolling: the bar is where the selection is, so the text has no reason to move.
    input.current?.focus({ preventScroll: true });
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [open, editor]);

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
      $caretAfterLink();
    });
    close();
  };

  if (!open) return null;
  return (
    <div
      ref={bar}
      className="link-editor"
      role="dialog"
      aria-label="Link address"
      data-testid="link-editor"
    >
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
