/**
 * SQL test helpers (issue 14, after Signal-Desktop's ts/test-node/sql/): a store at any schema
 * version, brought up one migration at a time, and the query plan SQLite picks for a statement.
 */
import Database from 'better-sqlite3';
import { applyMigrations, type Db } from '../../db/open.js';
import { MIGRATIONS } from '../../db/migrations/index.js';

/** An in-memory store with the schema as it was at `version` (0: empty). */
export function storeAtVersion(version: number): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  updateToVersion(db, version);
  return db;
}

/** Applies the shipped migrations after the store's version up to `version`, as opening the store would. */
export function updateToVersion(db: Db, version: number): void {
  if (!MIGRATIONS.some((m) => m.version === version) && version !== 0) throw new Error(`No migration reaches schema ${version}`);
  applyMigrations(db, MIGRATIONS, version);
  const reached = db.pragma('user_version', { simple: true }) as number;
  if (reached !== version) throw new Error(`The store is at schema ${reached}, not ${version}`);
}

/** The version just before `version` in the shipped list (0 before the first). */
export function versionBefore(version: number): number {
  const index = MIGRATIONS.findIndex((m) => m.version === version);
  if (index < 0) throw new Error(`No migration reaches schema ${version}`);
  return index === 0 ? 0 : (MIGRATIONS[index - 1]?.version ?? 0);
}

/** SQLite's EXPLAIN QUERY PLAN for the statement, one line per step ("SEARCH stories USING INDEX …"). */
export function explain(db: Db, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

/** The columns of a table, in order. */
export function columns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name);
}
