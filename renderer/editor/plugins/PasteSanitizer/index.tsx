/**
 * Pasted HTML (Word, Google Docs, web pages) goes through `cleanPastedHtml` before Lexical's own
 * import turns it into nodes; a copy from another Newsroom editor (Lexical JSON) is taken as it
 * came no longer. Both are repaired to what the store accepts before they are inserted, and the body
 * is checked after (pasteRules.ts); DocumentRules then holds the result to the house rules.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { $insertPastedNodes, $nodesFromHtml, $nodesFromLexicalClipboard, LEXICAL_CLIPBOARD } from './pasteRules.js';

export function PasteSanitizerPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (!data) return false;
          const lexical = data.types.includes(LEXICAL_CLIPBOARD) ? data.getData(LEXICAL_CLIPBOARD) : '';
          const html = data.getData('text/html');
          // Plain text is Lexical's own: it cannot nest anything.
          if (lexical === '' && html.trim() === '') return false;
          event.preventDefault();
          editor.update(
            () => {
              const selection = $getSelection();
              if (selection === null) return;
              const nodes = (lexical === '' ? null : $nodesFromLexicalClipboard(editor, lexical)) ?? (html.trim() === '' ? null : $nodesFromHtml(editor, html));
              if (nodes === null) selection.insertRawText(data.getData('text/plain'));
              else $insertPastedNodes(editor, nodes, selection);
            },
            { tag: PASTE_TAG },
          );
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
