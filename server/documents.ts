/**
 * Story documents through Hocuspocus: onAuthenticate checks the desk token and decides, per
 * story, read-write or read-only from the person's role and the story's workflow state; every
 * change a connection makes is appended to the update log with who and when, and the whole state
 * is stored after a short pause. A write on a read-only connection changes nothing here; when it
 * comes from the story's reporter after the story left them, it is kept as a proposal.
 */
import { Hocuspocus, type Connection, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { ID_PATTERN } from '../common/ids.js';
import type pg from 'pg';
import * as Y from 'yjs';
import { currentClaims, type DeskIdentity, type TokenClaims } from './accounts.js';
import { DeskError } from './errors.js';
import { whileDatabaseAway } from './database.js';
import type { DeskLog } from './log.js';
import { addProposal, findStory, openProposals, mayPropose, mayWrite, storedState, storeDoc } from './stories.js';

export interface DocumentContext {
  user: TokenClaims;
  readOnly: boolean;
  proposes: boolean;
}

/** y-protocols message types (Hocuspocus: Sync 0, SyncReply 4; sync step 2 = 1, update = 2). */
const SYNC_MESSAGES = new Set([0, 4]);
const SYNC_WITH_CHANGES = new Set([1, 2]);

function documentUpdateIn(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (!SYNC_MESSAGES.has(decoding.readVarUint(decoder))) return null;
    if (!SYNC_WITH_CHANGES.has(decoding.readVarUint(decoder))) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

function isWellFormedUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** Thrown from a hook: Hocuspocus sends `reason` to the client with the permission-denied answer. */
function refusal(error: DeskError): Error & { reason: string } {
  return Object.assign(new Error(error.message), { reason: `${error.code}: ${error.message}` });
}

export interface StoryDocuments {
  hocuspocus: Hocuspocus<DocumentContext>;
  /** The live doc's state when the story is open on the desk, else null. */
  liveState(storyId: string): Promise<Uint8Array | null>;
  /** Applies an update as the server (an accepted proposal) and waits for it to be logged. */
  applyAsServer(storyId: string, update: Uint8Array, user: TokenClaims): Promise<void>;
  /** Makes every client of the story connect again, and so ask again what it may do (on every process, unless `here`). */
  recheck(storyId: string, here?: 'here'): void;
  /** Closes every connection of one person (their account was disabled): each is refused on reconnect. */
  closeUser(userId: string): void;
  /** Stores every open doc and waits for the log: nothing a client sent is lost on a stop. */
  flush(): Promise<void>;
  /** Waits (bounded) until every doc has been stored and unloaded after its clients went. */
  unloaded(): Promise<void>;
}

export interface DocumentsOptions {
  /** Hocuspocus extensions: the Redis one when several processes serve the same desk. */
  extensions?: Extension[];
  /** Tells the desk's other processes that a story moved (they recheck their own connections). */
  announceMove?: (storyId: string) => void;
}

/** Every Hocuspocus transaction origin this file looks at. */
type Origin = { source?: string; connection?: Connection<DocumentContext>; context?: { user?: TokenClaims } } | undefined;

export function storyDocuments(pool: pg.Pool, identity: DeskIdentity, log: DeskLog, options: DocumentsOptions = {}): StoryDocuments {
  const pending = new Set<Promise<unknown>>();
  const updates = updateLog(pool);
  const track = (work: Promise<unknown>) => {
    const done = work.catch((error) => log(`desk: could not write to the database: ${(error as Error).message}`)).finally(() => pending.delete(done));
    pending.add(done);
  };

  const proposing = new Map<string, Promise<void>>();

  const hocuspocus = new Hocuspocus<DocumentContext>({
    name: 'newsroom-desk',
    quiet: true,
    extensions: options.extensions ?? [],
    debounce: 500,
    maxDebounce: 3000,
    async onAuthenticate({ token, documentName, connectionConfig }) {
      let user: TokenClaims;
      try {
        user = await currentClaims(pool, identity, token);
      } catch (error) {
        const refused = error instanceof DeskError ? error : new DeskError('unauthorized', 'Sign in again');
        log(`desk: refused a connection to story ${documentName}: ${refused.message}`);
        throw refusal(refused);
      }
      const story = ID_PATTERN.test(documentName) ? await whileDatabaseAway(() => findStory(pool, documentName)) : null;
      if (story === null) {
        log(`desk: refused ${user.name} on story ${documentName}: not on the desk`);
        throw refusal(new DeskError('not-found', `The desk does not have story ${documentName}: upload it first (newsroom sync)`));
      }
      const readOnly = !mayWrite(user, story);
      connectionConfig.readOnly = readOnly;
      return { user, readOnly, proposes: mayPropose(user, story) } satisfies DocumentContext;
    },
    async onLoadDocument({ document, documentName }) {
      const state = await whileDatabaseAway(() => storedState(pool, documentName));
      if (state !== null) Y.applyUpdate(document, state, { source: 'local', skipStoreHooks: true });
      return document;
    },
    async beforeHandleMessage({ connection, update, document, documentName, context }) {
      if (!connection.readOnly) {
        // A malformed update is refused whole before any of it reaches the doc (Yjs would apply
        // the structs it read before failing on the rest): the connection closes, nothing changes.
        const changes = documentUpdateIn(update);
        if (changes !== null && !isWellFormedUpdate(changes)) {
          log(`desk: refused a malformed update from ${context.user.name} on story ${documentName}: closed that connection`);
          throw refusal(new DeskError('bad-request', 'That is not a Yjs document update: nothing was changed'));
        }
        // Applied and passed on to the others at once, but acknowledged (SyncStatus) only once it
        // is logged: an update the client was told is saved is in PostgreSQL, whatever happens to
        // this process next. A failed write closes the connection unacknowledged, and the
        // provider sends it again.
        if (changes !== null && !Y.snapshotContainsUpdate(Y.snapshot(document), changes)) {
          const logged = updates.append(documentName, context.user.sub, changes);
          acknowledgeAfter(connection, logged, () => log(`desk: could not log an update by ${context.user.name} on story ${documentName}: the connection was closed unacknowledged, the client will send it again`));
        }
        return;
      }
      if (!context.proposes) return;
      const changes = documentUpdateIn(update);
      if (changes === null || Y.snapshotContainsUpdate(Y.snapshot(document), changes)) return;
      // One proposal per late edit: a provider sends its unsynced state again on every
      // reconnect, so an edit already kept in an open proposal of theirs is not kept twice.
      const previous = proposing.get(documentName) ?? Promise.resolve();
      const work = previous.then(async () => {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(document));
        for (const open of await openProposals(pool, documentName, context.user.sub)) Y.applyUpdate(copy, open);
        if (Y.snapshotContainsUpdate(Y.snapshot(copy), changes)) return;
        await addProposal(pool, documentName, context.user.sub, changes);
        log(`desk: kept a late edit by ${context.user.name} on story ${documentName} as a proposal (the story is read-only for them)`);
      });
      const settled = work.catch(() => undefined);
      proposing.set(documentName, settled);
      track(work);
      await settled;
    },
    async onChange({ documentName, update, transactionOrigin }) {
      const origin = transactionOrigin as Origin;
      // A connection's updates were logged before they were applied; another process's arrive
      // through Redis and were logged there.
      if (origin?.source === 'connection' || origin?.source === 'redis') return;
      if (origin?.source === 'local' && origin.context?.user === undefined) return;
      track(updates.append(documentName, origin?.context?.user?.sub ?? null, update));
    },
    async onStoreDocument({ document, documentName }) {
      await Promise.all([...pending]);
      await storeDoc(pool, documentName, document);
    },
  });

  return {
    hocuspocus,
    async liveState(storyId) {
      const doc = hocuspocus.documents.get(storyId);
      return doc === undefined ? null : Y.encodeStateAsUpdate(doc);
    },
    async applyAsServer(storyId, update, user) {
      const direct = await hocuspocus.openDirectConnection(storyId, { user, readOnly: false, proposes: false });
      try {
        await direct.transact((doc) => Y.applyUpdate(doc, update, { source: 'local', context: { user } }));
      } finally {
        await direct.disconnect();
      }
      await Promise.all([...pending]);
    },
    async unloaded() {
      // Bounded: a doc whose store keeps failing stays in memory, and the stop goes on after 10 s.
      for (let attempt = 0; attempt < 200 && (hocuspocus.documents.size > 0 || hocuspocus.unloadingDocuments.size > 0); attempt += 1) {
        await Promise.all([...hocuspocus.unloadingDocuments.values()]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await Promise.all([...pending]);
    },
    recheck(storyId, here) {
      if (here === undefined) options.announceMove?.(storyId);
      // Closing the story's connections takes their rights away at once; closing their sockets
      // makes each provider connect again and authenticate afresh, so it learns its new rights
      // (a provider does not re-authenticate by itself after a per-document close).
      const sockets = (hocuspocus.documents.get(storyId)?.getConnections() ?? []).map((c) => c.webSocket as { close(code?: number, reason?: string): void });
      hocuspocus.closeConnections(storyId);
      for (const socket of sockets) socket.close(4000, 'The story moved: connect again to learn what you may do');
    },
    closeUser(userId) {
      for (const doc of hocuspocus.documents.values()) {
        for (const connection of doc.getConnections()) {
          if ((connection.context as DocumentContext | undefined)?.user?.sub !== userId) continue;
          (connection.webSocket as { close(code?: number, reason?: string): void }).close(4403, 'Your desk account was disabled');
        }
      }
    },
    async flush() {
      hocuspocus.flushPendingStores();
      await Promise.all([...pending]);
      await Promise.all([...hocuspocus.unloadingDocuments.values()]);
      for (const [name, doc] of hocuspocus.documents) await storeDoc(pool, name, doc);
    },
  };
}

/** y-protocols' SyncStatus (Hocuspocus MessageType 8): the server's "saved" for one update. */
const SYNC_STATUS = 8;

function isSyncStatus(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === SYNC_STATUS;
  } catch {
    return false;
  }
}

const acknowledgements = new WeakMap<object, { chain: Promise<boolean> }>();

/**
 * Holds a connection's acknowledgements (and only those) until `logged` settles, in order: every
 * other message goes out at once. When the write fails, nothing more is acknowledged and the
 * connection is closed, so the client connects again and sends what it has not had acknowledged.
 */
function acknowledgeAfter(connection: Connection<DocumentContext>, logged: Promise<void>, failed: () => void): void {
  let held = acknowledgements.get(connection);
  if (held === undefined) {
    const state = { chain: Promise.resolve(true) };
    held = state;
    acknowledgements.set(connection, state);
    const send = connection.send.bind(connection);
    connection.send = (message: Uint8Array) => {
      if (!isSyncStatus(message)) return send(message);
      void state.chain.then((ok) => {
        if (ok) send(message);
      });
    };
  }
  held.chain = held.chain.then((ok) =>
    logged.then(
      () => ok,
      () => {
        if (ok) {
          failed();
          connection.close();
        }
        return false;
      },
    ),
  );
}

/**
 * Appends updates to story_updates in batches: while one INSERT is on its way, the updates that
 * arrive wait for the next one, so a busy desk writes many keystrokes per round trip and holds
 * few connections. Each append resolves once its row is committed.
 */
function updateLog(pool: pg.Pool): { append(storyId: string, userId: string | null, update: Uint8Array): Promise<void> } {
  type Waiting = { storyId: string; userId: string | null; update: Uint8Array; done: () => void; failed: (error: Error) => void };
  let queue: Waiting[] = [];
  let writing = 0;
  const MAX_WRITERS = 4;
  const MAX_ROWS = 500;
  const write = async () => {
    writing += 1;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_ROWS);
        queue = queue.slice(batch.length);
        const values = batch.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
        try {
          const rows = batch.flatMap((w) => [w.storyId, w.userId, Buffer.from(w.update)]);
          await whileDatabaseAway(() => pool.query(`INSERT INTO story_updates (story_id, user_id, update) VALUES ${values}`, rows));
          for (const waiting of batch) waiting.done();
        } catch (error) {
          for (const waiting of batch) waiting.failed(error as Error);
        }
      }
    } finally {
      writing -= 1;
    }
  };
  return {
    append(storyId, userId, update) {
      return new Promise<void>((done, failed) => {
        queue.push({ storyId, userId, update, done, failed });
        if (writing < MAX_WRITERS) void write();
      });
    },
  };
}
