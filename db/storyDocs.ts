/**
 * The stored Yjs documents: per story one compacted state and the updates appended after it.
 * Bytes only: applying and re-encoding them is the engine's job (main/services/storyDocs.ts).
 */
import type { Db } from './open.js';

export const STORY_DOC_MIGRATIONS = ['new', 'checked', 'mismatch'] as const;
export type StoryDocMigration = (typeof STORY_DOC_MIGRATIONS)[number];

export interface StoredStoryDoc {
  storyId: string;
  layout: number;
  state: Uint8Array;
  compactedThrough: number;
  migration: StoryDocMigration;
  /** Hash of the stories row (body and fields) the doc last agreed with; '' before the first. */
  syncedRow: string;
  /** Updates appended after the state, oldest first. */
  updates: Array<{ id: number; bytes: Uint8Array }>;
}

interface DocRow {
  story_id: string;
  layout: number;
  state: Buffer;
  compacted_through: number;
  migration: StoryDocMigration;
  synced_row: string;
}

export function storyDocQueries(db: Db) {
  const docRow = db.prepare('SELECT story_id, layout, state, compacted_through, migration, synced_row FROM story_docs WHERE story_id = ?');
  const updateRows = db.prepare('SELECT id, update_bytes FROM story_updates WHERE story_id = ? ORDER BY id');
  const countRows = db.prepare('SELECT count(*) AS n FROM story_updates WHERE story_id = ?');
  const insertDoc = db.prepare(`
    INSERT INTO story_docs (story_id, layout, state, compacted_through, compacted_at, migration)
    VALUES (@storyId, @layout, @state, 0, @now, @migration)`);
  const insertUpdate = db.prepare(
    'INSERT INTO story_updates (story_id, update_bytes, origin, created_at) VALUES (?, ?, ?, ?)',
  );
  const writeState = db.prepare(`
    UPDATE story_docs SET state = @state, layout = @layout, compacted_through = @through, compacted_at = @now
    WHERE story_id = @storyId`);
  const dropFolded = db.prepare('DELETE FROM story_updates WHERE story_id = ? AND id <= ?');
  const setMigration = db.prepare('UPDATE story_docs SET migration = ? WHERE story_id = ?');
  const setSynced = db.prepare('UPDATE story_docs SET synced_row = ? WHERE story_id = ?');
  const withoutDoc = db.prepare('SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_docs) ORDER BY id');

  return {
    load(storyId: string): StoredStoryDoc | null {
      const row = docRow.get(storyId) as DocRow | undefined;
      if (!row) return null;
      const updates = (updateRows.all(storyId) as Array<{ id: number; update_bytes: Buffer }>).map((u) => ({
        id: u.id,
        bytes: new Uint8Array(u.update_bytes),
      }));
      return {
        storyId: row.story_id,
        layout: row.layout,
        state: new Uint8Array(row.state),
        compactedThrough: row.compacted_through,
        migration: row.migration,
        syncedRow: row.synced_row,
        updates,
      };
    },

    /** A story's first state (a new story, or one converted from its stored JSON). */
    create(storyId: string, layout: number, state: Uint8Array, migration: StoryDocMigration, now: string): void {
      insertDoc.run({ storyId, layout, state: Buffer.from(state), now, migration });
    },

    /** Appends a batch of updates in one transaction: on disk (synchronous=FULL) when it returns. */
    append(storyId: string, updates: readonly Uint8Array[], origin: string, now: string): number[] {
      return db.transaction(() => updates.map((bytes) => Number(insertUpdate.run(storyId, Buffer.from(bytes), origin, now).lastInsertRowid)))();
    },

    updateCount(storyId: string): number {
      return (countRows.get(storyId) as { n: number }).n;
    },

    /** Replaces the state with one that folds in every update up to `through`, and drops those rows. */
    compact(storyId: string, layout: number, state: Uint8Array, through: number, now: string): void {
      db.transaction(() => {
        writeState.run({ storyId, layout, state: Buffer.from(state), through, now });
        dropFolded.run(storyId, through);
      })();
    },

    setMigration(storyId: string, migration: StoryDocMigration): void {
      setMigration.run(migration, storyId);
    },

    /** Records the stories row the doc now agrees with (its hash). */
    setSyncedRow(storyId: string, hash: string): void {
      setSynced.run(hash, storyId);
    },

    /** Stories still without a doc: those a migration has yet to convert. */
    storiesWithoutDoc(): string[] {
      return (withoutDoc.all() as Array<{ id: string }>).map((r) => r.id);
    },
  };
}

export type StoryDocQueries = ReturnType<typeof storyDocQueries>;
