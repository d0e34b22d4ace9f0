/**
 * One open newsroom: the store in a data directory and the services over it. The app, the CLI,
 * the tests and the browser harness each open one the same way.
 */
import { openDatabase, schemaVersion, type Db, type OpenOptions } from '../db/open.js';
import { createStoryService, type StoryService } from './services/stories.js';
import { createHandlers, type Handlers } from './handlers.js';
import { APP_VERSION } from './version.js';

export interface Newsroom {
  dataDir: string;
  db: Db;
  stories: StoryService;
  appVersion: string;
  schemaVersion: number;
  handlers: Handlers;
  close(): void;
}

export function openNewsroom(dataDir: string, options: OpenOptions = {}): Newsroom {
  const db = openDatabase(dataDir, options);
  const newsroom = {
    dataDir,
    db,
    stories: createStoryService(db, { now: options.now }),
    appVersion: APP_VERSION,
    schemaVersion: schemaVersion(db),
    close: () => db.close(),
  } as Omit<Newsroom, 'handlers'> as Newsroom;
  newsroom.handlers = createHandlers(newsroom);
  return newsroom;
}
