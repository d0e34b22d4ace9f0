/**
 * The story as a Yjs document, kept by the engine: every change (a window's keystrokes, a package
 * arriving, a restored revision) is an update appended to the store before it is acknowledged,
 * batched over at most `batchMs` of typing; the story's rows of body, word count and search text
 * are derived from the doc within `deriveMs` of the last change and never read back as the truth.
 * Compaction applies the rows into a doc and re-encodes it (`Y.encodeStateAsUpdate`) rather than
 * `Y.mergeUpdates`, measured 25× slower and 10× larger on this machine (issue 16).
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { CallerContext, JobControl } from '../../common/contract/index.js';
import { documentText, parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import type { StoryFields } from '../../common/story.js';
import {
  STORY_DOC_FIELDS,
  STORY_DOC_LAYOUT,
  applyKeepingDropped,
  canonicalJSON,
  readBody,
  fieldConflicts,
  readField,
  writeBody,
  writeField,
  type DroppedText,
  type StoryDocField,
} from '../../common/storyDoc/index.js';
import { editRule, type StoryState } from '../../common/workflow.js';
import type { Db } from '../../db/open.js';
import { storyDocQueries, type StoryDocMigration } from '../../db/storyDocs.js';
import { rowToStory, type StoryRow } from '../../db/stories.js';
import type { StoryStore } from './storyStore.js';

/** Typing batched into one durable row: at most this long between a keystroke and its write. */
export const UPDATE_BATCH_MS = 50;
/** A story with more rows than this is compacted into its state. */
export const COMPACT_AFTER_ROWS = 300;
/** The derived body, word count and search text follow the doc within this long. */
export const DERIVE_AFTER_MS = 1000;

export interface StoryDocUpdateEvent {
  storyId: string;
  update: Uint8Array;
  /** Who made the change, so a window ignores the echo of its own typing. */
  origin: string;
}

/** Text a merge dropped from a story (see common/storyDoc/dropped.ts). */
export interface StoryDocDroppedEvent {
  storyId: string;
  dropped: DroppedText[];
  /** The origin of the change whose merge dropped it. */
  origin: string;
}

export const DROPPED_NOTE = 'Words typed into a paragraph that someone else deleted, which the merge of the two versions would have lost:';

interface LiveDoc {
  storyId: string;
  doc: Y.Doc;
  pending: Array<{ bytes: Uint8Array; origin: string }>;
  waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  batchTimer: ReturnType<typeof setTimeout> | null;
  deriveTimer: ReturnType<typeof setTimeout> | null;
  /** The row's version when it was last seen to agree with the doc, and the hash it had then. */
  rowVersion: number;
  syncedRow: string;
}

/** What a migration run did: stories converted and checked, and those whose conversion differed. */
export interface StoryDocMigrationRun {
  checked: number;
  mismatched: string[];
  /** The backup taken before the first story was converted, if any was converted. */
  backup: string | null;
}

export interface StoryDocServiceOptions {
  now?: () => Date;
  batchMs?: number;
  deriveMs?: number;
  compactAfterRows?: number;
  /** Where the engine leaves a note on a story a person must look at (a conversion that differed). */
  notes?: { add(input: { storyId: string; text: string }, caller: CallerContext): unknown };
}

/** Who the engine is when it changes a doc on its own (a conversion, taking in a row written elsewhere). */
export const ENGINE_CALLER: CallerContext = { origin: 'cli', actor: null };
/** The origin of a change the engine took into the doc from the stories row (an old-format write). */
export const ROW_ORIGIN = 'store';

/** A hash of the row's body and fields: the doc and the row agree while it is unchanged. */
export function rowHash(row: StoryRow): string {
  const story = rowToStory(row);
  const fields = STORY_DOC_FIELDS.map((field) => canonicalJSON(story[field]));
  return createHash('sha256').update(row.body).update('\0').update(fields.join('\0')).digest('hex');
}

export const MISMATCH_NOTE =
  'Newsroom converted this story to its new format and the text read back did not match the stored text exactly. The stored text is kept as a revision ("before restore"): compare it with the story and restore it if anything is missing.';

/** Canonical text of a body, hashed to compare a conversion both ways (same text in, same text out). */
export function bodyTextKey(body: StoryDocument): string {
  return documentText(body);
}

function fieldsToDoc(doc: Y.Doc, fields: StoryFields, by: string, at: string): void {
  for (const field of STORY_DOC_FIELDS) writeField(doc, field, fields[field], by, at);
}

export function createStoryDocService(db: Db, store: StoryStore, options: StoryDocServiceOptions = {}) {
  const q = storyDocQueries(db);
  const clock = options.now ?? (() => new Date());
  const batchMs = options.batchMs ?? UPDATE_BATCH_MS;
  const deriveMs = options.deriveMs ?? DERIVE_AFTER_MS;
  const compactAfter = options.compactAfterRows ?? COMPACT_AFTER_ROWS;
  const live = new Map<string, LiveDoc>();
  const listeners = new Set<(event: StoryDocUpdateEvent) => void>();
  const droppedListeners = new Set<(event: StoryDocDroppedEvent) => void>();

  /**
   * Converts a story's stored JSON into its first doc state, checked both ways: the doc read back
   * must give the same JSON and the same text. A mismatch keeps the doc (it is what the editor
   * will show) but flags the story, and the stored JSON stays as a revision to restore from.
   */
  const convert = db.transaction((storyId: string): StoryDocMigration => {
    const existing = q.load(storyId);
    if (existing) return existing.migration;
    const row = store.requireRow(storyId);
    const story = rowToStory(row);
    const body = parseStoryDocument(row.body);
    const doc = new Y.Doc();
    writeBody(doc, body);
    fieldsToDoc(doc, story, 'migration', row.updated_at);
    const back = readBody(doc);
    const same = canonicalJSON(back) === canonicalJSON(body) && bodyTextKey(back) === bodyTextKey(body);
    const migration: StoryDocMigration = same ? 'checked' : 'mismatch';
    if (!same) {
      store.snapshot(storyId, 'before-restore');
      options.notes?.add({ storyId, text: MISMATCH_NOTE }, ENGINE_CALLER);
    }
    q.create(storyId, STORY_DOC_LAYOUT, Y.encodeStateAsUpdate(doc), migration, clock().toISOString());
    q.setSyncedRow(storyId, rowHash(row));
    doc.destroy();
    return migration;
  });

  function load(storyId: string): LiveDoc {
    const open = live.get(storyId);
    if (open) return open;
    const id = store.requireRow(storyId).id;
    const already = live.get(id);
    if (already) return already;
    if (!q.load(id)) convert(id);
    const stored = q.load(id);
    if (!stored) throw new NewsroomError('internal', `The story ${id} has no document after conversion: restore it from a backup`);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update.bytes);
    const entry: LiveDoc = { storyId: id, doc, pending: [], waiting: [], batchTimer: null, deriveTimer: null, rowVersion: 0, syncedRow: stored.syncedRow };
    live.set(id, entry);
    catchUp(entry);
    // Rows left uncompacted mean the doc was not closed cleanly: its derived row may lag behind.
    if (stored.updates.length > 0) scheduleDerive(entry);
    return entry;
  }

  /**
   * Takes into the doc what another path wrote into the stories row since the two last agreed (a
   * window of the old format saving whole text, a restored revision, a package), as a new change
   * with origin `store`, on disk at once and sent to every listener. A row that still has the hash
   * the doc last agreed with is older than the doc and is left for `derive` to bring up to date.
   */
  function catchUp(entry: LiveDoc): void {
    const row = store.requireRow(entry.storyId);
    if (row.version === entry.rowVersion) return;
    const hash = rowHash(row);
    if (hash !== entry.syncedRow) {
      const story = rowToStory(row);
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(entry.doc));
      const before = Y.encodeStateVector(scratch);
      const body = parseStoryDocument(row.body);
      if (canonicalJSON(readBody(scratch)) !== canonicalJSON(body)) writeBody(scratch, body);
      for (const field of STORY_DOC_FIELDS) {
        const state = readField(scratch, field);
        if (state.conflict || canonicalJSON(state.value) !== canonicalJSON(story[field])) writeField(scratch, field, story[field], ROW_ORIGIN, row.updated_at);
      }
      const update = Y.encodeStateAsUpdate(scratch, before);
      scratch.destroy();
      const decoded = Y.decodeUpdate(update);
      if (decoded.structs.length > 0 || decoded.ds.clients.size > 0) {
        flushPendingOnly(entry);
        Y.applyUpdate(entry.doc, update, ROW_ORIGIN);
        q.append(entry.storyId, [update], ROW_ORIGIN, clock().toISOString());
        for (const listener of listeners) listener({ storyId: entry.storyId, update, origin: ROW_ORIGIN });
      }
      q.setSyncedRow(entry.storyId, hash);
      entry.syncedRow = hash;
    }
    entry.rowVersion = row.version;
  }

  function agreeWith(entry: LiveDoc, row: StoryRow): void {
    const hash = rowHash(row);
    if (hash !== entry.syncedRow) q.setSyncedRow(entry.storyId, hash);
    entry.syncedRow = hash;
    entry.rowVersion = row.version;
  }

  function flushBatch(entry: LiveDoc): void {
    if (entry.batchTimer !== null) clearTimeout(entry.batchTimer);
    entry.batchTimer = null;
    const pending = entry.pending.splice(0);
    const waiting = entry.waiting.splice(0);
    if (pending.length === 0) {
      for (const w of waiting) w.resolve();
      return;
    }
    try {
      const now = clock().toISOString();
      // One transaction, so one sync to disk, for the whole batch of typing.
      db.transaction(() => {
        for (const p of pending) q.append(entry.storyId, [p.bytes], p.origin, now);
      })();
      for (const w of waiting) w.resolve();
    } catch (error) {
      for (const w of waiting) w.reject(error);
      return;
    }
    if (q.updateCount(entry.storyId) > compactAfter) compact(entry);
  }

  function compact(entry: LiveDoc): void {
    flushPendingOnly(entry);
    const stored = q.load(entry.storyId);
    if (!stored || stored.updates.length === 0) return;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update.bytes);
    const through = stored.updates[stored.updates.length - 1]!.id;
    q.compact(entry.storyId, STORY_DOC_LAYOUT, Y.encodeStateAsUpdate(doc), through, clock().toISOString());
    doc.destroy();
  }

  function flushPendingOnly(entry: LiveDoc): void {
    if (entry.pending.length > 0) flushBatch(entry);
  }

  /** Writes the story's row (body, word count, search text, fields) from the doc. */
  function derive(entry: LiveDoc): void {
    if (entry.deriveTimer !== null) clearTimeout(entry.deriveTimer);
    entry.deriveTimer = null;
    const row = store.requireRow(entry.storyId);
    const body = readBody(entry.doc);
    const current = rowToStory(row);
    const fields: Partial<StoryFields> = {};
    for (const field of STORY_DOC_FIELDS) {
      const state = readField(entry.doc, field);
      // A field in conflict keeps what the row had until a person picks one of the values.
      if (!state.conflict && state.value !== undefined) (fields as Record<string, unknown>)[field] = state.value;
    }
    const json = JSON.stringify(parseStoryDocument(body));
    const same = json === row.body && STORY_DOC_FIELDS.every((f) => fields[f] === undefined || canonicalJSON(fields[f]) === canonicalJSON(current[f]));
    if (same) {
      agreeWith(entry, row);
      return;
    }
    store.save({ id: row.id, version: row.version, fields, body: json });
    agreeWith(entry, store.requireRow(entry.storyId));
  }

  function scheduleDerive(entry: LiveDoc): void {
    if (entry.deriveTimer !== null) clearTimeout(entry.deriveTimer);
    entry.deriveTimer = setTimeout(() => {
      try {
        derive(entry);
      } catch {
        // The doc and its rows are safe; the derived row is made again on the next change or close.
      }
    }, deriveMs);
  }

  function refuseLocked(storyId: string, caller: CallerContext): void {
    // A change from the desk server was already allowed there, by the rights the desk gives (issue 17).
    if (caller.origin === 'desk') return;
    const row = store.requireRow(storyId);
    const verdict = editRule(row.status as StoryState, { roles: caller.actor?.roles ?? [] });
    if (verdict.kind === 'refused') throw new NewsroomError('forbidden', verdict.message, { rule: verdict.rule, state: row.status });
  }

  /**
   * Words a merge dropped (typed into a paragraph the other side deleted) are kept as a note on
   * the story, to put back by hand; the update rows keep them too until the story is compacted.
   */
  function keepDropped(storyId: string, dropped: DroppedText[], origin: string): void {
    const words = dropped.map((run) => `“${run.text}”`).join(' ');
    options.notes?.add({ storyId, text: `${DROPPED_NOTE} ${words}`.slice(0, 10_000) }, ENGINE_CALLER);
    for (const listener of droppedListeners) listener({ storyId, dropped, origin });
  }

  /** Applies a change to the story's doc; resolves once it is on disk. */
  function applyUpdate(storyId: string, update: Uint8Array, caller: CallerContext, origin: string = caller.origin): Promise<void> {
    const entry = load(storyId);
    refuseLocked(entry.storyId, caller);
    catchUp(entry);
    let dropped: DroppedText[];
    try {
      dropped = applyKeepingDropped(entry.doc, update, origin);
    } catch (error) {
      throw new NewsroomError('invalid-argument', `The change to this story could not be read (${(error as Error).message}): reload the story`);
    }
    if (dropped.length > 0) keepDropped(entry.storyId, dropped, origin);
    entry.pending.push({ bytes: update, origin });
    const durable = new Promise<void>((resolve, reject) => entry.waiting.push({ resolve, reject }));
    if (entry.batchTimer === null) entry.batchTimer = setTimeout(() => flushBatch(entry), batchMs);
    scheduleDerive(entry);
    for (const listener of listeners) listener({ storyId: entry.storyId, update, origin });
    return durable;
  }

  /** Makes a change headless (a restore, a seed) as a new update, so history only grows. */
  function change(storyId: string, edit: (doc: Y.Doc) => void, caller: CallerContext, origin: string = caller.origin): Promise<void> {
    const entry = load(storyId);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(entry.doc));
    const before = Y.encodeStateVector(scratch);
    edit(scratch);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    return applyUpdate(entry.storyId, update, caller, origin);
  }

  return {
    /** The story's whole doc state, for a window or a package; converts the story first if needed. */
    state(storyId: string): { storyId: string; state: Uint8Array; layout: number } {
      const entry = load(storyId);
      catchUp(entry);
      return { storyId: entry.storyId, state: Y.encodeStateAsUpdate(entry.doc), layout: STORY_DOC_LAYOUT };
    },
    applyUpdate,
    change,
    /** Replaces the body with `body` as a new change (a restored revision). */
    setBody(storyId: string, body: StoryDocument, caller: CallerContext): Promise<void> {
      return change(storyId, (doc) => writeBody(doc, body), caller);
    },
    setField(storyId: string, field: StoryDocField, value: unknown, caller: CallerContext): Promise<void> {
      return change(storyId, (doc) => writeField(doc, field, value, caller.actor?.name ?? caller.origin, clock().toISOString()), caller);
    },
    body(storyId: string): StoryDocument {
      return readBody(load(storyId).doc);
    },
    field(storyId: string, field: StoryDocField) {
      return readField(load(storyId).doc, field);
    },
    /** Writes everything pending now, derives the row, and compacts: on close, and before a package. */
    flush(storyId?: string): void {
      const entries = storyId === undefined ? [...live.values()] : [load(storyId)];
      for (const entry of entries) {
        flushBatch(entry);
        derive(entry);
      }
    },
    /** Closes a story's doc: flushed, derived, compacted, dropped from memory. */
    close(storyId: string): void {
      const entry = live.get(storyId) ?? live.get(store.requireRow(storyId).id);
      if (!entry) return;
      flushBatch(entry);
      derive(entry);
      compact(entry);
      if (entry.deriveTimer !== null) clearTimeout(entry.deriveTimer);
      entry.doc.destroy();
      live.delete(entry.storyId);
    },
    closeAll(): void {
      for (const storyId of [...live.keys()]) this.close(storyId);
    },
    convert,
    /** Converts every story that has no doc yet; resumes where an interrupted run stopped. */
    convertAll(report?: (done: number, total: number) => void): { checked: number; mismatched: string[] } {
      const todo = q.storiesWithoutDoc();
      const mismatched: string[] = [];
      let checked = 0;
      todo.forEach((storyId, index) => {
        const result = convert(storyId);
        if (result === 'mismatch') mismatched.push(storyId);
        else checked += 1;
        report?.(index + 1, todo.length);
      });
      return { checked, mismatched };
    },
    /**
     * The one-time migration at engine start: when any story has no doc yet, a backup first, then
     * every such story converted (each in its own transaction, so a run stopped half way resumes
     * with the stories left). Progress goes to `job`; a cancel stops between stories.
     */
    async migrateStories(backup: () => Promise<{ file: string }>, job?: JobControl): Promise<StoryDocMigrationRun> {
      const todo = q.storiesWithoutDoc();
      if (todo.length === 0) return { checked: 0, mismatched: [], backup: null };
      const taken = await backup();
      const mismatched: string[] = [];
      let checked = 0;
      for (const [index, storyId] of todo.entries()) {
        job?.report('Converting stories to the new format', index, todo.length);
        if (job?.signal.aborted) break;
        if (convert(storyId) === 'mismatch') mismatched.push(storyId);
        else checked += 1;
      }
      job?.report('Converting stories to the new format', todo.length, todo.length);
      return { checked, mismatched, backup: taken.file };
    },
    /** Opens a story's doc for a window: its whole state, layout, conversion and fields in conflict. */
    open(storyId: string) {
      const entry = load(storyId);
      catchUp(entry);
      const stored = q.load(entry.storyId);
      return {
        storyId: entry.storyId,
        state: Y.encodeStateAsUpdate(entry.doc),
        layout: STORY_DOC_LAYOUT,
        migration: stored?.migration ?? 'new',
        conflicts: fieldConflicts(entry.doc),
      };
    },
    migrationOf(storyId: string): StoryDocMigration | null {
      return q.load(store.requireRow(storyId).id)?.migration ?? null;
    },
    storedRows(storyId: string): number {
      return q.updateCount(store.requireRow(storyId).id);
    },
    /** Hears text a merge dropped (also kept as a note on the story). */
    onDropped(listener: (event: StoryDocDroppedEvent) => void): () => void {
      droppedListeners.add(listener);
      return () => droppedListeners.delete(listener);
    },
    onUpdate(listener: (event: StoryDocUpdateEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type StoryDocService = ReturnType<typeof createStoryDocService>;
