/** What any screen may ask of the app shell: move somewhere, start a story, tell the reporter something. */
import { createContext, useContext } from 'react';
import type { Route } from './routes.js';

/** The open story, as the shell sees it: for leaving, closing the window and menu commands. */
export interface StorySession {
  /** Saves what is typed; true when it is all stored. */
  flush(): Promise<boolean>;
  /**
   * The window is closing: saves what is typed, and when the story was changed or deleted
   * elsewhere, keeps the reporter's text as a copy rather than let it go with the window.
   */
  flushForClose(): Promise<void>;
  /** The text could not be saved: ask the reporter whether to leave anyway. */
  confirmLeave(to: Route): void;
  saveRevision(): Promise<void>;
  /** Lets the reporter pick photos and puts them in the body at the caret. */
  insertPhotos(): Promise<void>;
}

export interface AppShell {
  /** Goes to a route, saving the open story first; `force` leaves even if that save failed. */
  go(to: Route, options?: { force?: boolean }): Promise<void>;
  newStory(): Promise<void>;
  notify(message: string): void;
  /** The open story registers itself here while it is on screen. */
  setSession(session: StorySession | null): void;
}

export const AppContext = createContext<AppShell | null>(null);

export function useApp(): AppShell {
  const shell = useContext(AppContext);
  if (!shell) throw new Error('useApp is used outside <App>');
  return shell;
}
