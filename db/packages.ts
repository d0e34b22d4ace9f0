/** The raw rows a story package carries, read and merged without duplicates. */
import type { Db } from './open.js';
import type { RevisionRow } from './stories.js';

/** A revision row exactly as stored: packages carry them as they are. */
export type RevisionRecord = RevisionRow;

export function packageQueries(db: Db) {
  const revisions = db.prepare('SELECT * FROM revisions WHERE story_id = ? ORDER BY created_at, id');
  const insertRevision = db.prepare(`
    INSERT OR IGNORE INTO revisions (id, story_id, story_version, reason, headline, standfirst, byline, dateline_place,
      dateline_date, desk, language, body, word_count, created_at)
    VALUES (@id, @story_id, @story_version, @reason, @headline, @standfirst, @byline, @dateline_place,
      @dateline_date, @desk, @language, @body, @word_count, @created_at)`);
  const setSync = db.prepare('UPDATE stories SET synced_hash = ?, conflict_revision_id = ? WHERE id = ?');
  const syncOf = db.prepare('SELECT synced_hash AS syncedHash, conflict_revision_id AS conflictRevisionId FROM stories WHERE id = ?');
  return {
    revisions: (storyId: string): RevisionRecord[] => revisions.all(storyId) as RevisionRecord[],
    /** True when the revision was new here. */
    insertRevision: (r: RevisionRecord): boolean => insertRevision.run(r).changes === 1,
    setSync(storyId: string, syncedHash: string | null, conflictRevisionId: string | null): void {
      setSync.run(syncedHash, conflictRevisionId, storyId);
    },
    sync(storyId: string): { syncedHash: string | null; conflictRevisionId: string | null } | undefined {
      return syncOf.get(storyId) as { syncedHash: string | null; conflictRevisionId: string | null } | undefined;
    },
  };
}
