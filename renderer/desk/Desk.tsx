/** The desk: the review queues over a sortable story list, search across them, and the trash. */
import { useEffect, useRef, useState } from 'react';
import type { StorySummary } from '../../common/story.js';
import { invoke } from '../api.js';
import { useApp } from '../app-context.js';
import { useProfile } from '../review/profile-context.js';
import { ProfileSwitcher } from '../review/ProfileSwitcher.js';
import { PackageDrop } from '../packages/PackageDrop.js';
import { ImportButton, STORY_FILES_ON_THE_DESK } from '../copydesk/ImportDialog.js';
import { useStoriesImported } from '../copydesk/imports.js';
import { Queues, QUEUES, listFilter, useDeskView } from './Queues.js';
import { SearchResults } from './SearchResults.js';
import { keyLabel, withKey } from '../shortcuts/keys.js';
import { StoryTable, type SortOrder } from './StoryTable.js';

export function Desk({
  trashed,
  order,
  onSort,
  searchFocusRequest,
}: {
  trashed: boolean;
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  /** Goes up by one each time the reporter asks for Find. */
  searchFocusRequest: number;
}) {
  const app = useApp();
  const { current: me, profiles } = useProfile();
  const [view, setView] = useDeskView(me);
  const [query, setQuery] = useState('');
  // Search looks in the queue on screen unless the reporter asks for every story.
  const [searchEverywhere, setSearchEverywhere] = useState(false);
  const [listKey, setListKey] = useState(0);
  // Stories imported while the desk is open join the list.
  const imported = useStoriesImported();
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (searchFocusRequest > 0) {
      search.current?.focus();
      search.current?.select();
    }
  }, [searchFocusRequest]);

  const open = (story: StorySummary) => void app.go({ name: 'story', id: story.id });

  const restore = async (story: StorySummary) => {
    try {
      await invoke('story:restore', { id: story.id });
      app.notify(`“${story.headline || 'Untitled'}” is back on the desk.`);
      setListKey((n) => n + 1);
    } catch (error) {
      app.notify(error instanceof Error ? error.message : String(error));
    }
  };

  const searching = !trashed && query.trim() !== '';
  // My drafts are always mine: the person filter does not narrow them.
  const narrowed = view.desk.trim() !== '' || (view.person !== '' && view.queue !== 'mine');
  const filtered = view.queue !== 'all' || narrowed;
  const queueLabel = QUEUES.find((q) => q.id === view.queue)?.label ?? '';

  return (
    <div className="desk" data-testid={trashed ? 'trash-view' : 'desk-view'}>
      <header className="desk-bar">
        <h1>{trashed ? 'Trash' : 'Desk'}</h1>
        {!trashed && (
          <input
            ref={search}
            type="search"
            className="desk-search"
            placeholder="Search headlines, bylines and text"
            aria-label="Search stories"
            title={withKey('Search stories', 'CmdOrCtrl+F')}
            data-testid="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setQuery('');
            }}
          />
        )}
        <span className="desk-bar-gap" />
        <button type="button" className="quiet" onClick={() => void app.go({ name: trashed ? 'desk' : 'trash' })} data-testid="toggle-trash">
          {trashed ? '← Back to desk' : 'Trash'}
        </button>
        {!trashed && <ImportButton />}
        <button type="button" className="primary" onClick={() => void app.newStory()} data-testid="new-story">
          New story
        </button>
        <ProfileSwitcher />
      </header>
      {!trashed && <PackageDrop others={STORY_FILES_ON_THE_DESK} />}
      {!trashed && <Queues view={view} onChange={setView} me={me} profiles={profiles} />}
      {searching && filtered && (
        <div className="search-scope" role="radiogroup" aria-label="Search in" data-testid="search-scope">
          <span>Search in</span>
          <label>
            <input type="radio" name="search-scope" checked={!searchEverywhere} onChange={() => setSearchEverywhere(false)} data-testid="search-scope-queue" />
            <span>
              “{queueLabel}”{narrowed ? ' with these filters' : ''}
            </span>
          </label>
          <label>
            <input type="radio" name="search-scope" checked={searchEverywhere} onChange={() => setSearchEverywhere(true)} data-testid="search-scope-all" />
            <span>All stories</span>
          </label>
        </div>
      )}
      {searching ? (
        <SearchResults
          query={query.trim()}
          filter={filtered && !searchEverywhere ? listFilter(view, me) : {}}
          where={filtered && !searchEverywhere ? `in “${queueLabel}”${narrowed ? ' with these filters' : ''}` : filtered ? 'in all stories' : ''}
          onOpen={open}
          onSearchAll={filtered && !searchEverywhere ? () => setSearchEverywhere(true) : undefined}
        />
      ) : (
        <StoryTable
          key={`${listKey}-${imported}`}
          trashed={trashed}
          order={order}
          onSort={onSort}
          onOpen={open}
          onRestore={trashed ? (story) => void restore(story) : undefined}
          filter={trashed ? {} : listFilter(view, me)}
          emptyText={filtered ? `Nothing in “${queueLabel}”${narrowed ? ' with these filters' : ''}.` : undefined}
          emptyHelp={view.queue === 'mine' || !filtered ? <HowToStart /> : undefined}
        />
      )}
    </div>
  );
}

/** What an empty desk says: the three ways a story starts here. */
function HowToStart() {
  return (
    <div className="how-to-start" data-testid="desk-start">
      <p>To start a story:</p>
      <ul>
        <li>
          press <strong>New story</strong> (or <kbd>{keyLabel('CmdOrCtrl+N')}</kbd>),
        </li>
        <li>or drop a Word, Markdown, HTML or text file here to import it as a draft,</li>
        <li>
          or use <strong>Import…</strong> (<kbd>{keyLabel('CmdOrCtrl+Shift+O')}</kbd>).
        </li>
      </ul>
      <p className="how-to-start-keys">
        <kbd>{keyLabel('CmdOrCtrl+/')}</kbd> lists every keyboard shortcut.
      </p>
    </div>
  );
}
