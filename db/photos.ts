/** Photo records. */
import type { Db } from './open.js';
import type { PhotoMetadata, StoredPhoto } from '../common/photo.js';

interface PhotoRow {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  original_name: string;
  metadata: string;
  created_at: string;
}

export function rowToPhoto(row: PhotoRow): StoredPhoto {
  return {
    id: row.id,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    originalName: row.original_name,
    metadata: JSON.parse(row.metadata) as PhotoMetadata,
    createdAt: row.created_at,
  };
}

export function photoQueries(db: Db) {
  const insert = db.prepare(`
    INSERT INTO photos (id, mime, width, height, bytes, original_name, metadata, created_at)
    VALUES (@id, @mime, @width, @height, @bytes, @originalName, @metadata, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare('SELECT * FROM photos WHERE id = ?');
  const count = db.prepare('SELECT count(*) FROM photos').pluck();
  const remove = db.prepare('DELETE FROM photos WHERE id = ?');
  return {
    /** Forgets a photo stored moments ago by an arrival that was then refused (packages are all or nothing). */
    remove(id: string): void {
      remove.run(id);
    },
    /** Stores the record once per content hash; a second import of the same bytes changes nothing. */
    insert(photo: StoredPhoto): StoredPhoto {
      insert.run({ ...photo, metadata: JSON.stringify(photo.metadata) });
      return rowToPhoto(byId.get(photo.id) as PhotoRow);
    },
    get(id: string): StoredPhoto | undefined {
      const row = byId.get(id) as PhotoRow | undefined;
      return row ? rowToPhoto(row) : undefined;
    },
    count(): number {
      return count.get() as number;
    },
  };
}
