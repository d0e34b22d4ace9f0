/**
 * Pasted HTML (Word, Google Docs, web pages) goes through `cleanPastedHtml` before Lexical's own
 * import turns it into nodes; DocumentRules then holds the result to the store's rules. A copy
 * from another Newsroom editor (Lexical JSON) is left to Lexical: DocumentRules covers it.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { $generateNodesFromDOM } from '@lexical/html';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { parsePastedHtml } from './cleanPastedHtml.js';

export function PasteSanitizerPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (!data || data.types.includes('application/x-lexical-editor')) return false;
          const html = data.getData('text/html');
          if (html.trim() === '') return false;
          event.preventDefault();
          editor.update(
            () => {
              const selection = $getSelection();
              if (selection === null) return;
              $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, parsePastedHtml(html)), selection);
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
