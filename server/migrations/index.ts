/**
 * The desk's PostgreSQL schema as numbered migrations (steps of 10, as db/ does): each runs in one
 * transaction and records its number in desk_schema. A database of a newer schema than this server
 * knows is refused and never touched. A shipped migration is never edited.
 */
import type pg from 'pg';
import { DeskError } from '../errors.js';
import { migration0010 } from './0010-desk.js';
import { migration0040 } from './0040-token-families.js';
import type { DeskMigration } from './migration.js';

export type { DeskMigration } from './migration.js';

export const MIGRATIONS: readonly DeskMigration[] = [migration0010, migration0040];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Any fixed number: every process migrating one database waits on the same advisory lock. */
const MIGRATION_LOCK = 7300_17;

export async function schemaVersion(client: pg.PoolClient | pg.Pool): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('desk_schema') IS NOT NULL AS present`);
  if (exists.rows[0]?.present !== true) return 0;
  const row = await client.query(`SELECT coalesce(max(version), 0)::int AS version FROM desk_schema`);
  return Number(row.rows[0]?.version ?? 0);
}

/** Brings the database up to this server's schema, or refuses one that is newer. Returns the version. */
export async function migrateDesk(pool: pg.Pool, upTo: readonly DeskMigration[] = MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS desk_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    let version = await schemaVersion(client);
    const newest = upTo[upTo.length - 1]?.version ?? 0;
    if (version > newest) {
      throw new DeskError(
        'schema-newer',
        `This desk database has schema ${version}, newer than this server knows (${newest}): run the newer Newsroom that wrote it, or point --database-url at another database`,
        { version, known: newest },
      );
    }
    for (const migration of upTo) {
      if (migration.version <= version) continue;
      await client.query('BEGIN');
      try {
        await migration.up(client);
        await client.query('INSERT INTO desk_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      version = migration.version;
    }
    return version;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
