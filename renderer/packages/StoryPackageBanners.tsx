/**
 * The package banners of an open story: what a package just did to it (or to another story, when
 * nothing opened), and the conflict view while this machine's and an incoming version wait for a
 * choice. A package can arrive while the story is open (a double click on the file): a conflict
 * then shows here at once, and a version that moved the story forward is offered for loading.
 */
import { useEffect, useState } from 'react';
import type { Story } from '../../common/story.js';
import { useApp } from '../app-context.js';
import type { Autosave } from '../editor/plugins/Autosave/index.js';
import { dismissShownPackage, placeOf, useShownPackage } from './arrivals.js';
import { ConflictView, type Kept } from './ConflictView.js';
import { PackageBanner } from './PackageBanner.js';

export function StoryPackageBanners({ story, autosave, onReload }: { story: Story; autosave: Autosave; onReload: () => Promise<void> }) {
  const app = useApp();
  const shown = useShownPackage(placeOf({ name: 'story', id: story.id }));
  const [conflictId, setConflictId] = useState(story.conflictRevisionId);
  const arrival = shown?.kind === 'arrival' && shown.arrival.story.id === story.id ? shown.arrival : null;

  useEffect(() => {
    if (arrival?.outcome === 'conflict') setConflictId(arrival.story.conflictRevisionId);
  }, [arrival]);

  // The package wrote a newer version than the one in the editor.
  const behind = arrival?.outcome === 'updated' && arrival.story.version > autosave.versionNow();

  const resolved = (kept: Kept) => {
    setConflictId(null);
    // The arrival's "compare them and choose" is answered.
    if (shown && arrival?.outcome === 'conflict') dismissShownPackage(shown.id);
    app.notify(
      kept === 'incoming'
        ? 'The incoming version is in place; this machine’s text is kept in the revisions.'
        : 'This machine’s version is kept; the incoming one stays in the revisions.',
    );
  };

  return (
    <>
      {shown && <PackageBanner shown={shown} storyOnScreen={story.id} onShowIncoming={behind ? () => void onReload() : undefined} />}
      {conflictId !== null && (
        <ConflictView storyId={story.id} conflictRevisionId={conflictId} autosave={autosave} onReload={onReload} onResolved={resolved} />
      )}
    </>
  );
}
