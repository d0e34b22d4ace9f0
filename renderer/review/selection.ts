/** The passage selected in the story body, kept while the reporter moves to the notes box to write about it. */
import { useEffect, useState } from 'react';
import { $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';

export interface Passage {
  quote: string;
  /** Index of the top-level block (paragraph, subhead, photo…) the passage starts in. */
  block: number;
}

const MAX_QUOTE_CHARS = 2000;

export function useSelectedPassage(editor: LexicalEditor): Passage | null {
  const [passage, setPassage] = useState<Passage | null>(null);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          // Focus went elsewhere (the notes box): keep the passage chosen last.
          if (!$isRangeSelection(selection)) return;
          const quote = selection.isCollapsed() ? '' : selection.getTextContent().trim().slice(0, MAX_QUOTE_CHARS);
          if (quote === '') {
            setPassage(null);
            return;
          }
          const start = selection.isBackward() ? selection.focus : selection.anchor;
          const block = start.getNode().getTopLevelElement()?.getIndexWithinParent() ?? 0;
          setPassage((previous) => (previous?.quote === quote && previous.block === block ? previous : { quote, block }));
        });
      }),
    [editor],
  );
  return passage;
}
