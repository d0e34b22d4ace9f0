/** Live word count and reading time of the body, counted the way the store counts them. */
import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { countWords, readingMinutes } from '../../../../common/document.js';

export function WordCountPlugin() {
  const [editor] = useLexicalComposerContext();
  const [words, setWords] = useState(() => editor.getEditorState().read(() => countWords($getRoot().getTextContent())));
  useEffect(() => editor.registerTextContentListener((text) => setWords(countWords(text))), [editor]);
  const minutes = readingMinutes(words);
  return (
    <span className="word-count" data-testid="word-count" aria-live="polite">
      {words === 1 ? '1 word' : `${words.toLocaleString()} words`}
      {' · '}
      {minutes === 0 ? 'nothing to read yet' : `${minutes} min read`}
    </span>
  );
}
