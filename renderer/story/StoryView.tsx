/** Opens one story: loads it, then hands it to a Lexical editor set up with the story's nodes. */
import { useEffect, useRef, useState } from 'react';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import type { Story } from '../../common/story.js';
import { invoke } from '../api.js';
import { useApp } from '../app-context.js';
import { STORY_NODES } from '../editor/nodes/index.js';
import { storyTheme } from '../editor/theme.js';
import { StoryScreen } from './StoryScreen.js';
import { useProfile } from '../review/profile-context.js';
import { isOpening, newStoryOnScreen, opened } from './newStory.js';

type Loaded = { kind: 'loading' } | { kind: 'ready'; story: Story } | { kind: 'failed'; message: string };

export function StoryView({ id, focusHeadline }: { id: string; focusHeadline: boolean }) {
  const app = useApp();
  const profile = useProfile().current;
  // A story New story just started is shown at once, empty, while the store creates it.
  const startedHere = useRef(isOpening(id));
  const [loaded, setLoaded] = useState<Loaded>(() =>
    startedHere.current ? { kind: 'ready', story: newStoryOnScreen(id, profile) } : { kind: 'loading' },
  );

  useEffect(() => {
    let current = true;
    if (startedHere.current) {
      opened(id);
      return;
    }
    setLoaded({ kind: 'loading' });
    invoke('story:get', { id }).then(
      (story) => current && setLoaded({ kind: 'ready', story }),
      (error: unknown) => current && setLoaded({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [id]);

  if (loaded.kind === 'loading') {
    return (
      <div className="story-view story-view-message" data-testid="story-loading">
        Opening story…
      </div>
    );
  }
  if (loaded.kind === 'failed') {
    return (
      <div className="story-view story-view-message" role="alert" data-testid="story-open-failed">
        <p>{loaded.message}</p>
        <button type="button" onClick={() => void app.go({ name: 'desk' })}>
          Back to the desk
        </button>
      </div>
    );
  }
  const story = loaded.story;
  const initialConfig: InitialConfigType = {
    namespace: 'newsroom-story',
    nodes: STORY_NODES,
    theme: storyTheme,
    editorState: story.body,
    onError: (error) => {
      console.error(`Story editor error in ${story.id}:`, error);
    },
  };
  return (
    <LexicalComposer key={story.id} initialConfig={initialConfig}>
      <StoryScreen story={story} focusHeadline={focusHeadline} />
    </LexicalComposer>
  );
}
