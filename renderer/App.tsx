/**
 * The window's shell: which screen shows (from the URL hash), the menu commands from main, the
 * save-before-close handshake, and short notices for the reporter.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { flushed, onEvent } from './api.js';
import { AppContext, type AppShell, type StorySession } from './app-context.js';
import { Desk } from './desk/Desk.js';
import type { SortOrder } from './desk/StoryTable.js';
import { ProfileGate } from './review/ProfileGate.js';
import { PackageArrivalWatcher } from './packages/PackageArrivalWatcher.js';
import { StoryImports } from './copydesk/ImportDialog.js';
import { STORY_COMMANDS_WITHOUT_STORY } from './publish/menu.js';
import { hashOf, routeFromHash, sameRoute, type Route } from './routes.js';
import { StoryView } from './story/StoryView.js';
import { startNewStory } from './story/newStory.js';
import { ShortcutSheet } from './shortcuts/ShortcutSheet.js';
import { JobBar } from './status/JobBar.js';
import { StoreJobs } from './status/StoreJobs.js';
import { StoreStatusBanner } from './status/StoreStatusBanner.js';

const NOTICE_MS = 6000;

export function App() {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  const [order, setOrder] = useState<SortOrder>({ sort: 'updatedAt', direction: 'desc' });
  const [notice, setNotice] = useState<{ text: string; id: number } | null>(null);
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);
  const [newStoryId, setNewStoryId] = useState<string | null>(null);
  const session = useRef<StorySession | null>(null);
  const routeNow = useRef(route);
  routeNow.current = route;

  useEffect(() => {
    const follow = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const notify = useCallback((text: string) => setNotice({ text, id: Date.now() }), []);

  const go = useCallback(async (to: Route, options: { force?: boolean } = {}) => {
    if (sameRoute(to, routeNow.current)) return;
    const open = session.current;
    if (open && !options.force && !(await open.flush())) {
      open.confirmLeave(to);
      return;
    }
    routeNow.current = to;
    setRoute(to);
    const hash = hashOf(to);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  }, []);

  const newStory = useCallback(async () => {
    // Save the open story before making another, so a failed save never leaves an empty draft behind.
    const open = session.current;
    if (open && !(await open.flush())) {
      notify('This story is not saved yet: retry the save, or leave it, before starting another.');
      return;
    }
    // From here on nothing waits: the new story is on screen with its headline focused before
    // this click's handler returns, so the next key lands in it (the store creates it meanwhile).
    const { id, stored } = startNewStory();
    stored.catch((error: unknown) => {
      notify(`Could not store the new story yet: ${error instanceof Error ? error.message : String(error)} Your text stays here; Retry saves it.`);
    });
    const to: Route = { name: 'story', id };
    routeNow.current = to;
    flushSync(() => {
      setNewStoryId(id);
      setRoute(to);
    });
    window.history.pushState(null, '', hashOf(to));
  }, [notify]);

  const shell = useMemo<AppShell>(
    () => ({
      go,
      newStory,
      notify,
      setSession: (next) => {
        session.current = next;
      },
    }),
    [go, newStory, notify],
  );

  // Menu commands and window life, from main.
  const shellNow = useRef(shell);
  shellNow.current = shell;
  useEffect(() => {
    const unsubscribe = [
      onEvent('menu:new-story', () => void shellNow.current.newStory()),
      onEvent('menu:find', () => {
        void shellNow.current.go({ name: 'desk' }).then(() => setSearchFocusRequest((n) => n + 1));
      }),
      onEvent('menu:save-revision', () => {
        if (session.current) void session.current.saveRevision();
        else shellNow.current.notify('Open a story to save a revision of it.');
      }),
      onEvent('menu:insert-photo', () => {
        if (session.current) void session.current.insertPhotos();
        else shellNow.current.notify('Open a story to add a photo to it.');
      }),
      ...STORY_COMMANDS_WITHOUT_STORY.map(([event, text]) =>
        onEvent(event, () => {
          if (!session.current) shellNow.current.notify(text);
        }),
      ),
      onEvent('window:flush-request', () => {
        const open = session.current;
        void (open ? open.flushForClose() : Promise.resolve()).finally(() => flushed());
      }),
    ];
    return () => unsubscribe.forEach((off) => off());
  }, []);

  return (
    <AppContext.Provider value={shell}>
      <div className="app">
        <StoreStatusBanner />
        <ProfileGate beforeSwitch={() => session.current?.flush() ?? Promise.resolve(true)}>
          {route.name === 'story' ? (
            <StoryView key={route.id} id={route.id} focusHeadline={route.id === newStoryId} />
          ) : (
            <Desk trashed={route.name === 'trash'} order={order} onSort={setOrder} searchFocusRequest={searchFocusRequest} />
          )}
        </ProfileGate>
        <PackageArrivalWatcher route={route} />
        {/* Import…, File › Import… (menu:import) and files dropped on the desk. */}
        <StoryImports />
        <ShortcutSheet />
        <JobBar />
        <StoreJobs />
        <div className="notice-area" aria-live="polite">
          {notice && (
            <div className="notice" role="status" data-testid="notice">
              <span>{notice.text}</span>
              <button type="button" className="quiet" aria-label="Dismiss" onClick={() => setNotice(null)}>
                ×
              </button>
            </div>
          )}
        </div>
      </div>
    </AppContext.Provider>
  );
}
