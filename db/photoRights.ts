/** "Rights confirmed for this use", per photo in a story (migration 0130). */
import type { Db } from './open.js';

export interface PhotoRightsDecision {
  photoId: string;
  at: string;
  byId: string;
  byName: string;
}

interface PhotoRightsRow {
  photo_id: string;
  confirmed_at: string;
  confirmed_by: string;
  confirmed_by_name: string;
}

const rowToDecision = (row: PhotoRightsRow): PhotoRightsDecision => ({ photoId: row.photo_id, at: row.confirmed_at, byId: row.confirmed_by, byName: row.confirmed_by_name });

export function photoRightsQueries(db: Db) {
  const ofStory = db.prepare(`SELECT photo_id, confirmed_at, confirmed_by, confirmed_by_name FROM photo_rights WHERE story_id = ? ORDER BY photo_id`);
  const confirm = db.prepare(`
    INSERT INTO photo_rights (story_id, photo_id, confirmed_at, confirmed_by, confirmed_by_name)
    VALUES (@storyId, @photoId, @at, @byId, @byName)
    ON CONFLICT (story_id, photo_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by, confirmed_by_name = excluded.confirmed_by_name`);
  const withdraw = db.prepare(`DELETE FROM photo_rights WHERE story_id = ? AND photo_id = ?`);
  return {
    ofStory: (storyId: string): PhotoRightsDecision[] => (ofStory.all(storyId) as PhotoRightsRow[]).map(rowToDecision),
    confirm: (storyId: string, decision: PhotoRightsDecision): void => {
      confirm.run({ storyId, ...decision });
    },
    withdraw: (storyId: string, photoId: string): void => {
      withdraw.run(storyId, photoId);
    },
  };
}
