/**
 * The desk client's rows: the desk's stories as last heard, the outbox of workflow moves, and
 * the photos already uploaded. What they mean is the desk service's (main/services/desk/).
 */
import type { Db } from './open.js';

export interface DeskStoryRow {
  story_id: string;
  desk_id: string;
  state: string;
  author_id: string;
  author: string;
  headline: string;
  desk_updated_at: string;
  followed: number;
  synced_through: number;
  synced_at: string | null;
}

export interface OutboxRow {
  id: number;
  request_id: string;
  desk_id: string;
  story_id: string;
  action: string;
  note: string;
  created_at: string;
  status: 'waiting' | 'sent' | 'refused';
  answer: string | null;
  answered_at: string | null;
}

export function deskQueries(db: Db) {
  const upsertStory = db.prepare(`
    INSERT INTO desk_stories (story_id, desk_id, state, author_id, author, headline, desk_updated_at, followed)
    VALUES (@storyId, @deskId, @state, @authorId, @author, @headline, @updatedAt, @followed)
    ON CONFLICT (story_id) DO UPDATE SET desk_id = excluded.desk_id, state = excluded.state, author_id = excluded.author_id,
      author = excluded.author, headline = excluded.headline, desk_updated_at = excluded.desk_updated_at,
      followed = max(desk_stories.followed, excluded.followed)`);
  const storyRow = db.prepare('SELECT * FROM desk_stories WHERE story_id = ? AND desk_id = ?');
  const followedRows = db.prepare('SELECT * FROM desk_stories WHERE desk_id = ? AND followed = 1 AND story_id IN (SELECT id FROM stories) ORDER BY story_id');
  const listRows = db.prepare('SELECT * FROM desk_stories WHERE desk_id = ? ORDER BY desk_updated_at DESC, story_id');
  const notOnDesk = db.prepare(`
    SELECT id FROM stories WHERE trashed_at IS NULL AND status = 'draft'
      AND id NOT IN (SELECT story_id FROM desk_stories WHERE desk_id = ?) ORDER BY id`);
  const setState = db.prepare('UPDATE desk_stories SET state = ?, desk_updated_at = ? WHERE story_id = ?');
  const setLocalStatus = db.prepare('UPDATE stories SET status = ? WHERE id = ? AND status <> ?');
  const lastUpdate = db.prepare('SELECT coalesce(max(id), 0) AS n FROM story_updates WHERE story_id = ?');
  const markSynced = db.prepare('UPDATE desk_stories SET synced_through = max(synced_through, ?), synced_at = ? WHERE story_id = ?');
  const waitingUpdates = db.prepare(`
    SELECT count(*) AS n FROM story_updates u JOIN desk_stories d ON d.story_id = u.story_id
    WHERE d.desk_id = ? AND d.followed = 1 AND u.id > d.synced_through AND u.origin <> 'desk'`);
  const addMove = db.prepare('INSERT INTO desk_outbox (request_id, desk_id, story_id, action, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const waitingMoves = db.prepare("SELECT * FROM desk_outbox WHERE desk_id = ? AND status = 'waiting' ORDER BY id");
  const moveRow = db.prepare('SELECT * FROM desk_outbox WHERE request_id = ?');
  const answerMove = db.prepare("UPDATE desk_outbox SET status = ?, answer = ?, answered_at = ? WHERE request_id = ? AND status = 'waiting'");
  const photoRow = db.prepare('SELECT desk_hash FROM desk_photos WHERE photo_id = ? AND desk_id = ?');
  const localStory = db.prepare('SELECT 1 FROM stories WHERE id = ?');
  const addPhoto = db.prepare('INSERT OR REPLACE INTO desk_photos (photo_id, desk_id, desk_hash, uploaded_at) VALUES (?, ?, ?, ?)');

  return {
    upsertStory(story: { storyId: string; deskId: string; state: string; authorId: string; author: string; headline: string; updatedAt: string; followed: boolean }): void {
      upsertStory.run({ ...story, followed: story.followed ? 1 : 0 });
    },
    isLocal: (storyId: string) => localStory.get(storyId) !== undefined,
    story: (storyId: string, deskId: string) => (storyRow.get(storyId, deskId) as DeskStoryRow | undefined) ?? null,
    followed: (deskId: string) => followedRows.all(deskId) as DeskStoryRow[],
    list: (deskId: string) => listRows.all(deskId) as DeskStoryRow[],
    /** Local drafts the desk has not had yet: uploaded on the next sync. */
    notOnDesk: (deskId: string) => (notOnDesk.all(deskId) as { id: string }[]).map((r) => r.id),
    /** The desk decided a story's state: kept here, and shown as the local story's status. */
    setState(storyId: string, state: string, at: string): void {
      db.transaction(() => {
        setState.run(state, at, storyId);
        setLocalStatus.run(state, storyId, state);
      })();
    },
    lastUpdate: (storyId: string) => (lastUpdate.get(storyId) as { n: number }).n,
    markSynced: (storyId: string, through: number, at: string) => void markSynced.run(through, at, storyId),
    waitingUpdates: (deskId: string) => (waitingUpdates.get(deskId) as { n: number }).n,
    addMove: (move: { requestId: string; deskId: string; storyId: string; action: string; note: string; at: string }) =>
      void addMove.run(move.requestId, move.deskId, move.storyId, move.action, move.note, move.at),
    waitingMoves: (deskId: string) => waitingMoves.all(deskId) as OutboxRow[],
    move: (requestId: string) => (moveRow.get(requestId) as OutboxRow | undefined) ?? null,
    /** Records the desk's answer once: a second answer for the same request changes nothing. */
    answerMove: (requestId: string, status: 'sent' | 'refused', answer: string, at: string) => answerMove.run(status, answer, at, requestId).changes === 1,
    uploadedPhoto: (photoId: string, deskId: string) => (photoRow.get(photoId, deskId) as { desk_hash: string } | undefined)?.desk_hash ?? null,
    addPhoto: (photoId: string, deskId: string, hash: string, at: string) => void addPhoto.run(photoId, deskId, hash, at),
  };
}

export type DeskQueries = ReturnType<typeof deskQueries>;
