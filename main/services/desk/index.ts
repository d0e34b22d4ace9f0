/**
 * The desk client: the connection (address, sign-in, fresh tokens) and the sync of this machine's
 * stories with the desk, as one service of the newsroom.
 */
import type { Db } from '../../../db/open.js';
import type { MediaService } from '../media.js';
import type { StoryDocService } from '../storyDocs.js';
import type { StoryStore } from '../storyStore.js';
import { createDeskConnection, type DeskConnection } from './connection.js';
import type { SecretStore } from './secrets.js';
import { createDeskSync, type DeskSync } from './sync.js';

export interface DeskService extends DeskSync {
  connection: DeskConnection;
}

export function createDeskService(deps: { db: Db; dataDir: string; store: StoryStore; storyDocs: StoryDocService; media: MediaService; secrets?: SecretStore; now?: () => Date }): DeskService {
  // The real clock for tokens, always: a test's fixed clock must not keep a dead token looking fresh.
  const connection = createDeskConnection(deps.dataDir, deps.secrets ? { secrets: deps.secrets } : {});
  const sync = createDeskSync({ db: deps.db, store: deps.store, storyDocs: deps.storyDocs, media: deps.media, connection, ...(deps.now ? { now: deps.now } : {}) });
  return Object.assign(sync, { connection });
}
