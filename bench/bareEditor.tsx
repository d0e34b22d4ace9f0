/**
 * The peer baseline for typing: a bare Lexical editor with the story's nodes and theme and none of
 * Newsroom's plugins (no autosave, house style, word count, toolbar...), bundled for the page by
 * bench/bareEditorBench.ts. It reads the body from `window.__bareBody`.
 */
import { createRoot } from 'react-dom/client';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { STORY_NODES } from '../renderer/editor/nodes/index.js';
import { storyTheme } from '../renderer/editor/theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <LexicalComposer
    initialConfig={{
      namespace: 'bare',
      nodes: STORY_NODES,
      theme: storyTheme,
      editorState: (window as unknown as { __bareBody: string }).__bareBody,
      onError: (error) => {
        throw error;
      },
    }}
  >
    <RichTextPlugin contentEditable={<ContentEditable data-testid="story-body" className="story-body" />} ErrorBoundary={LexicalErrorBoundary} />
  </LexicalComposer>,
);
