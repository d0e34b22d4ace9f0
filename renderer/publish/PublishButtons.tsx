/**
 * The story top bar's "Preview" and "Export…", and the same two from the menu (View › Preview,
 * File › Export…) while a story is open. An export that marks the story published hands the new
 * version to autosave, as a move in the review panel does, so the next save does not mistake it
 * for someone else's.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Story } from '../../common/story.js';
import type { StoryState } from '../../common/workflow.js';
import { invoke, onEvent } from '../api.js';
import { useApp } from '../app-context.js';
import type { Autosave } from '../editor/plugins/Autosave/index.js';
import { ExportDialog } from './ExportDialog.js';
import { PreviewDialog } from './PreviewDialog.js';

export function PublishButtons({
  storyId,
  status,
  autosave,
  onMoved,
}: {
  storyId: string;
  status: StoryState;
  autosave: Autosave;
  /** The export published the story: the store's new version of it. */
  onMoved: (story: Story) => void;
}) {
  const app = useApp();
  const [open, setOpen] = useState<'preview' | 'export' | null>(null);
  const autosaveNow = useRef(autosave);
  autosaveNow.current = autosave;
  const flush = useRef(() => autosaveNow.current.flush()).current;

  useEffect(() => {
    const off = [onEvent('menu:preview', () => setOpen('preview')), onEvent('menu:export-story', () => setOpen('export'))];
    return () => off.forEach((unsubscribe) => unsubscribe());
  }, []);

  const published = async () => {
    try {
      const story = await invoke('story:get', { id: storyId });
      autosaveNow.current.adopt(story);
      onMoved(story);
    } catch (error) {
      app.notify(`The story was exported and published, but could not be read again: ${error instanceof Error ? error.message : String(error)}. Reopen it.`);
    }
  };

  return (
    <>
      <button type="button" className="quiet" onClick={() => setOpen('preview')} data-testid="preview-story">
        Preview
      </button>
      <button type="button" className="quiet" onClick={() => setOpen('export')} data-testid="export-story">
        Export…
      </button>
      {/* In the body, not the top bar: the dialogs must not take on the bar's layout (nowrap buttons). */}
      {open === 'preview' && createPortal(<PreviewDialog storyId={storyId} flush={flush} onClose={() => setOpen(null)} />, document.body)}
      {open === 'export' &&
        createPortal(
          <ExportDialog storyId={storyId} status={status} flush={flush} onPublished={() => void published()} onClose={() => setOpen(null)} />,
          document.body,
        )}
    </>
  );
}
