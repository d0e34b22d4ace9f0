/**
 * Keeping this machine's stories in step with the desk, in the engine (never the window), so it
 * goes on while no story is open. Each followed story has a mirror Y.Doc that a
 * HocuspocusProvider keeps in step with the desk over one WebSocket; the mirror and the story's
 * doc in the store (main/services/storyDocs.ts) pass each other's updates, so what the desk sends
 * is written to the store before it counts, and what is typed here reaches the desk whenever there
 * is a network. Workflow moves wait in an outbox with a request id (the desk makes each once);
 * photos leave without GPS and camera serials.
 */
import fs from 'node:fs';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CallerContext } from '../../../common/contract/index.js';
import type { DeskMoveResult, DeskStatus, DeskStory, DeskSyncReport } from '../../../common/contract/desk.js';
import { documentPhotos } from '../../../common/document.js';
import { NewsroomError } from '../../../common/errors.js';
import { newId } from '../../../common/ids.js';
import { STORY_DOC_LAYOUT } from '../../../common/storyDoc/index.js';
import type { StoryState } from '../../../common/workflow.js';
import { deskQueries } from '../../../db/desk.js';
import type { Db } from '../../../db/open.js';
import { storyDocQueries } from '../../../db/storyDocs.js';
import type { MediaService } from '../media.js';
import { rowHash, type StoryDocService } from '../storyDocs.js';
import type { StoryStore } from '../storyStore.js';
import { DeskRefusal } from './api.js';
import type { DeskConnection } from './connection.js';
import { photoForDesk } from './photos.js';

/** Who writes what the desk sends: the desk server already decided it may be written. */
export const DESK_CALLER: CallerContext = { origin: 'desk', actor: null };
/** The origin of local changes copied into a mirror: the provider sends them, the mirror does not echo them back. */
const FROM_HERE = Symbol('newsroom: a change made on this machine');

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

interface Follow {
  storyId: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  readOnly: boolean | null;
  failure: string | null;
  /** Why no token could be had (the sign-in expired): said instead of the desk's "not a desk token". */
  tokenProblem: string | null;
  renewed: boolean;
}

export interface DeskSyncDeps {
  db: Db;
  store: StoryStore;
  storyDocs: StoryDocService;
  media: MediaService;
  connection: DeskConnection;
  now?: () => Date;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure the next sync may get past (no network, the desk restarting), as opposed to a refusal. */
function isOffline(error: unknown): boolean {
  return error instanceof NewsroomError && error.code === 'desk-unavailable';
}

export function createDeskSync(deps: DeskSyncDeps) {
  const { db, store, storyDocs, media, connection } = deps;
  const clock = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const q = deskQueries(db);
  const docs = storyDocQueries(db);
  const follows = new Map<string, Follow>();
  const applying = new Set<Promise<void>>();
  const listeners = new Set<(status: DeskStatus) => void>();
  let socket: HocuspocusProviderWebsocket | null = null;
  let socketUrl = '';
  let problem: string | null = null;
  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function requireDesk() {
    const info = connection.info();
    if (info === null) throw new NewsroomError('not-found', 'No desk is connected: newsroom desk connect URL --user NAME --password-stdin');
    return info;
  }

  function inStepNow(storyId: string): boolean {
    const follow = follows.get(storyId);
    return follow !== undefined && follow.failure === null && follow.provider.isSynced && !follow.provider.hasUnsyncedChanges && socket?.status === WebSocketStatus.Connected;
  }

  function status(): DeskStatus {
    const info = connection.info();
    if (info === null) return { connected: false, state: 'not-connected', label: 'Not connected to a desk', url: null, user: null, role: null, waiting: 0, reason: null, lastSyncAt: null };
    // A story connected and in step with the desk right now waits for nothing, whatever its rows say.
    const typed = q.waitingUpdates(info.deskId).reduce((sum, row) => (inStepNow(row.story_id) ? sum : sum + row.n), 0);
    const waiting = typed + q.waitingMoves(info.deskId).length + q.notOnDesk(info.deskId).length;
    const reason = problem ?? info.lastProblem;
    const state = waiting > 0 ? 'offline' : reason === null ? 'on-desk' : 'unreachable';
    const label =
      state === 'on-desk' ? 'On the desk' : state === 'offline' ? `Offline: ${waiting} ${waiting === 1 ? 'change' : 'changes'} waiting` : `Can't reach the desk: ${reason}`;
    return { connected: true, state, label, url: info.url, user: info.user.name, role: info.user.role, waiting, reason, lastSyncAt: info.lastSyncAt };
  }

  /** Tells the listeners (the window, through the engine's event) at most every quarter second. */
  function statusChanged(): void {
    if (closed || listeners.size === 0 || statusTimer !== null) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      const now = status();
      for (const listener of listeners) listener(now);
    }, 250);
    statusTimer.unref?.();
  }

  /** Set while a change made here is copied into a mirror as if the provider had made it. */
  let copyingOffline = false;

  // What is typed here goes to the story's mirror, and from there to the desk. While the desk
  // cannot be reached, the change is put in the mirror under the provider's own name, so the
  // provider does not queue it as one message of thousands: on reconnect the sync sends
  // everything the desk lacks as one update, which the desk acknowledges.
  const unlisten = storyDocs.onUpdate((event) => {
    if (event.origin === 'desk') return;
    const follow = follows.get(event.storyId);
    if (follow !== undefined) {
      if (socket?.status === WebSocketStatus.Connected && follow.provider.isSynced) {
        Y.applyUpdate(follow.doc, event.update, FROM_HERE);
      } else {
        copyingOffline = true;
        try {
          Y.applyUpdate(follow.doc, event.update, follow.provider);
        } finally {
          copyingOffline = false;
        }
      }
    }
    statusChanged();
  });

  function socketFor(url: string): HocuspocusProviderWebsocket {
    const wsUrl = url.replace(/^http/, 'ws');
    if (socket !== null && socketUrl === wsUrl) return socket;
    for (const storyId of [...follows.keys()]) unfollow(storyId);
    socket?.destroy();
    socketUrl = wsUrl;
    socket = new HocuspocusProviderWebsocket({
      url: wsUrl,
      WebSocketPolyfill: WebSocket,
      // Try again soon after the desk comes back; a reporter in a cellar costs one attempt every 5 s.
      // (minDelay must not exceed delay, or the provider's retry never starts at all.)
      delay: 500,
      minDelay: 250,
      factor: 1.5,
      maxDelay: 5000,
      onStatus: () => statusChanged(),
    });
    return socket;
  }

  function unfollow(storyId: string): void {
    const follow = follows.get(storyId);
    if (follow === undefined) return;
    follows.delete(storyId);
    follow.provider.destroy();
    follow.doc.destroy();
  }

  /** Keeps one story in step from now on: its mirror starts as the story's doc here. */
  function followStory(storyId: string, url: string): Follow {
    const existing = follows.get(storyId);
    if (existing !== undefined && existing.failure === null) return existing;
    const renewed = existing?.renewed ?? false;
    unfollow(storyId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, storyDocs.state(storyId).state, FROM_HERE);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_HERE || copyingOffline) return;
      const written = storyDocs.applyUpdate(storyId, update, DESK_CALLER, 'desk').catch((error: unknown) => {
        log(`desk: could not keep a change from the desk to story ${storyId}: ${(error as Error).message}`);
      });
      applying.add(written);
      void written.finally(() => applying.delete(written));
    });
    const entry: Follow = { storyId, doc, provider: null as unknown as HocuspocusProvider, readOnly: null, failure: null, tokenProblem: null, renewed };
    entry.provider = new HocuspocusProvider({
      websocketProvider: socketFor(url),
      name: storyId,
      document: doc,
      token: async () => {
        try {
          const token = await connection.token();
          entry.tokenProblem = null;
          return token;
        } catch (error) {
          entry.tokenProblem = (error as Error).message;
          return '';
        }
      },
      onAuthenticated: ({ scope }) => {
        entry.readOnly = scope === 'readonly';
        entry.failure = null;
      },
      onAuthenticationFailed: ({ reason }) => {
        entry.failure = entry.tokenProblem === null ? reason : `unauthorized: ${entry.tokenProblem}`;
        statusChanged();
      },
      onSynced: () => statusChanged(),
      onUnsyncedChanges: () => statusChanged(),
    });
    entry.provider.attach();
    follows.set(storyId, entry);
    return entry;
  }

  function localFromDesk(story: DeskStory): void {
    // The story's doc comes from the desk; the row is derived from it as it arrives.
    db.transaction(() => {
      store.create({ id: story.id, status: story.state as StoryState });
      docs.create(story.id, STORY_DOC_LAYOUT, Y.encodeStateAsUpdate(new Y.Doc()), 'new', clock().toISOString());
      // The empty row agrees with the empty doc: nothing of it is taken into the doc as a change,
      // which would add its empty paragraph to the desk's text.
      docs.setSyncedRow(story.id, rowHash(store.requireRow(story.id)));
    })();
  }

  function remember(deskId: string, story: DeskStory, followed: boolean): void {
    q.upsertStory({ storyId: story.id, deskId, state: story.state, authorId: story.authorId, author: story.author, headline: story.headline, updatedAt: story.updatedAt, followed });
    if (q.isLocal(story.id)) q.setState(story.id, story.state, story.updatedAt);
  }

  function failureMessage(follow: Follow): string {
    const reason = follow.failure ?? '';
    const [code, ...rest] = reason.split(': ');
    const message = rest.length > 0 ? rest.join(': ') : reason;
    if (code === 'not-found') return `The desk does not have story ${follow.storyId}: it may have been removed there`;
    return message;
  }

  async function waitInStep(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Bounded: every followed story is in step, one was refused, or the time is up.
    for (;;) {
      const all = [...follows.values()];
      for (const follow of all) {
        if (follow.failure === null) continue;
        // The desk's clock said the token expired: renew it once and connect that story again.
        if (/token-expired/.test(follow.failure) && !follow.renewed) {
          await connection.renew();
          followStory(follow.storyId, url).renewed = true;
          continue;
        }
        throw new NewsroomError(/unauthorized|expired|wrong-desk|forbidden/.test(follow.failure) ? 'desk-unauthorized' : 'desk-unavailable', failureMessage(follow));
      }
      const inStep = all.every((f) => f.provider.isSynced && (f.readOnly === true || !f.provider.hasUnsyncedChanges));
      if (inStep && applying.size === 0) return;
      if (Date.now() > deadline) {
        const behind = all.filter((f) => !f.provider.isSynced || (f.readOnly !== true && f.provider.hasUnsyncedChanges)).length;
        log(`desk: not in step after ${timeoutMs} ms: ${all.map((f) => `${f.storyId} synced=${f.provider.isSynced} unsynced=${f.provider.unsyncedChanges} readOnly=${f.readOnly} failure=${f.failure}`).join('; ')}`);
        throw new NewsroomError('desk-unavailable', `The desk did not confirm ${behind} of ${all.length} stories within ${Math.round(timeoutMs / 1000)} s: try again (nothing is lost)`);
      }
      await sleep(50);
    }
  }

  /** Sends the waiting workflow moves, oldest first, each with its request id; the desk makes each once. */
  async function replayOutbox(deskId: string): Promise<{ sent: DeskMoveResult[]; refused: DeskMoveResult[] }> {
    const api = connection.api();
    const sent: DeskMoveResult[] = [];
    const refused: DeskMoveResult[] = [];
    for (const move of q.waitingMoves(deskId)) {
      // A story the desk does not have yet waits for the sync that uploads it.
      if (q.story(move.story_id, deskId) === null) continue;
      const request = { action: move.action, requestId: move.request_id, ...(move.note === '' ? {} : { note: move.note }) };
      try {
        let answer;
        try {
          answer = await api.move(await connection.token(), move.story_id, request);
        } catch (error) {
          if (!(error instanceof DeskRefusal && error.deskCode === 'token-expired')) throw error;
          answer = await api.move(await connection.renew(), move.story_id, request);
        }
        const at = clock().toISOString();
        q.answerMove(move.request_id, 'sent', answer.story.state, at);
        remember(deskId, answer.story, true);
        sent.push({ requestId: move.request_id, storyId: move.story_id, action: move.action, status: 'sent', state: answer.story.state, reason: null });
      } catch (error) {
        if (error instanceof DeskRefusal && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) {
          q.answerMove(move.request_id, 'refused', error.message, clock().toISOString());
          refused.push({ requestId: move.request_id, storyId: move.story_id, action: move.action, status: 'refused', state: null, reason: error.message });
          continue;
        }
        throw error;
      }
    }
    return { sent, refused };
  }

  async function uploadPhotos(deskId: string, me: string): Promise<number> {
    const api = connection.api();
    let uploaded = 0;
    for (const row of q.followed(deskId)) {
      if (row.author_id !== me) continue;
      for (const photo of documentPhotos(storyDocs.body(row.story_id))) {
        if (photo.photoId === '' || q.uploadedPhoto(photo.photoId, deskId) !== null || !media.has(photo.photoId)) continue;
        const outgoing = await photoForDesk(new Uint8Array(fs.readFileSync(media.originalFile(photo.photoId))), photo.credit);
        await api.putPhoto(await connection.token(), outgoing.hash, outgoing.bytes);
        q.addPhoto(photo.photoId, deskId, outgoing.hash, clock().toISOString());
        uploaded += 1;
      }
    }
    return uploaded;
  }

  /**
   * Brings everything in step now: the desk list, this person's stories (fetched when new here,
   * uploaded when new on the desk), every followed story's text both ways, the outbox, the photos.
   * The stories stay followed afterwards, while the engine runs.
   */
  let syncing: Promise<unknown> = Promise.resolve();

  /** One sync at a time: a sync asked for while one runs (the background round, a click) runs after it. */
  function syncNow(options: { timeoutMs?: number } = {}): Promise<DeskSyncReport> {
    const run = syncing.then(
      () => syncOnce(options),
      () => syncOnce(options),
    );
    syncing = run.catch(() => undefined);
    return run;
  }

  async function syncOnce(options: { timeoutMs?: number }): Promise<DeskSyncReport> {
    const info = requireDesk();
    const started = clock();
    try {
      await connection.checkedHealth();
      const api = connection.api();
      const token = await connection.token();
      const deskList = await api.stories(token);
      for (const story of deskList.stories) remember(info.deskId, story, q.story(story.id, info.deskId)?.followed === 1);
      let fetched = 0;
      for (const story of (await api.stories(token, { mine: true })).stories) {
        if (!q.isLocal(story.id)) {
          localFromDesk(story);
          fetched += 1;
        }
        remember(info.deskId, story, true);
      }
      let uploaded = 0;
      for (const storyId of q.notOnDesk(info.deskId)) {
        storyDocs.flush(storyId);
        let story: DeskStory;
        try {
          story = await api.upload(await connection.token(), storyId, storyDocs.state(storyId).state);
          uploaded += 1;
        } catch (error) {
          if (!(error instanceof DeskRefusal && error.status === 409)) throw error;
          story = await api.story(await connection.token(), storyId);
        }
        remember(info.deskId, story, true);
      }
      const followed = q.followed(info.deskId);
      for (const row of followed) followStory(row.story_id, info.url);
      await waitInStep(info.url, options.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS);
      await Promise.all([...applying]);
      const at = clock().toISOString();
      for (const row of followed) {
        storyDocs.flush(row.story_id);
        q.markSynced(row.story_id, q.lastUpdate(row.story_id), at);
      }
      const moves = await replayOutbox(info.deskId);
      const photos = await uploadPhotos(info.deskId, info.user.id);
      problem = null;
      connection.recordSync(clock(), null);
      statusChanged();
      return { url: info.url, stories: followed.length, uploaded, fetched, moves: [...moves.sent, ...moves.refused], photos, startedAt: started.toISOString(), finishedAt: clock().toISOString() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problem = message;
      connection.recordSync(clock(), message);
      statusChanged();
      throw error;
    }
  }

  let keeping: ReturnType<typeof setTimeout> | null = null;
  let keepingOn = false;

  /**
   * In the app: syncs now, then again while the engine runs: every 10 s when in step (new stories
   * and the desk list; the text itself goes live), after 2 s when something new waits, and after a
   * failure at growing pauses up to a minute.
   */
  function start(): void {
    if (keepingOn || closed) return;
    keepingOn = true;
    let pause = 2000;
    const round = () => {
      keeping = null;
      if (!keepingOn || closed || connection.info() === null) {
        keepingOn = false;
        return;
      }
      void syncNow()
        .then(() => {
          pause = status().waiting > 0 ? 2000 : 10_000;
        })
        .catch(() => {
          pause = Math.min(Math.max(pause * 2, 2000), 60_000);
        })
        .finally(() => {
          if (!keepingOn || closed) return;
          keeping = setTimeout(round, pause);
          keeping.unref?.();
        });
    };
    round();
  }

  /** Opens a desk story on this machine (an editor taking a filed story): fetched if new here, then kept in step. */
  async function open(storyId: string): Promise<{ storyId: string; state: string }> {
    const info = requireDesk();
    await connection.checkedHealth();
    const story = await connection.api().story(await connection.token(), storyId);
    if (!q.isLocal(story.id)) localFromDesk(story);
    remember(info.deskId, story, true);
    followStory(story.id, info.url);
    await waitInStep(info.url, DEFAULT_SYNC_TIMEOUT_MS);
    await Promise.all([...applying]);
    storyDocs.flush(story.id);
    statusChanged();
    return { storyId: story.id, state: story.state };
  }

  return {
    status,
    syncNow,
    start,
    open,
    /** Makes a workflow move on the desk: sent now when the desk answers, else kept in the outbox for the next sync. */
    async move(storyId: string, action: string, note = ''): Promise<DeskMoveResult> {
      const info = requireDesk();
      const id = store.requireRow(storyId).id;
      const requestId = newId();
      q.addMove({ requestId, deskId: info.deskId, storyId: id, action, note, at: clock().toISOString() });
      statusChanged();
      try {
        await replayOutbox(info.deskId);
      } catch (error) {
        if (!isOffline(error) && !(error instanceof NewsroomError && error.code === 'desk-unauthorized')) throw error;
        problem = (error as Error).message;
      }
      const row = q.move(requestId);
      const state = row?.status ?? 'waiting';
      return { requestId, storyId: id, action, status: state, state: state === 'sent' ? (row?.answer ?? null) : null, reason: state === 'refused' ? (row?.answer ?? null) : problem };
    },
    /** The desk list as last heard (for browsing offline). */
    deskList() {
      const info = connection.info();
      return info === null ? [] : q.list(info.deskId).map((r) => ({ id: r.story_id, state: r.state, author: r.author, headline: r.headline, updatedAt: r.desk_updated_at, here: q.isLocal(r.story_id) }));
    },
    onStatus(listener: (status: DeskStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Stops following (the engine closing): what was received is already in the store. */
    close(): void {
      closed = true;
      keepingOn = false;
      if (keeping !== null) clearTimeout(keeping);
      unlisten();
      if (statusTimer !== null) clearTimeout(statusTimer);
      for (const storyId of [...follows.keys()]) unfollow(storyId);
      socket?.destroy();
      socket = null;
    },
  };
}

export type DeskSync = ReturnType<typeof createDeskSync>;
