import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDesk, MIGRATIONS, SCHEMA_VERSION } from '../../server/migrations/index.js';
import { startDesk } from '../../server/desk.js';
import { startTestDesk } from '../helpers/desk.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

describe('the desk server starts over PostgreSQL', () => {
  it('answers GET /health with 200 and logs one line on start and one on stop', async () => {
    const desk = await startTestDesk(postgres);
    const health = await desk.api('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, desk: desk.deskId, schema: SCHEMA_VERSION });
    expect(desk.logs.filter((l) => l.includes('started on'))).toHaveLength(1);
    await desk.close();
    expect(desk.logs.filter((l) => l.includes('stopped on'))).toHaveLength(1);
    await expect(fetch(`${desk.url}/health`)).rejects.toThrow();
  });

  it('logs a refused request in one line and keeps serving', async () => {
    const desk = await startTestDesk(postgres);
    try {
      const missing = await desk.api('GET', '/api/stories');
      expect(missing.status).toBe(401);
      expect(missing.body.error.message).toMatch(/Sign in first/);
      expect(desk.logs.filter((l) => l.includes('refused GET /api/stories'))).toHaveLength(1);
      expect((await desk.api('GET', '/health')).status).toBe(200);
    } finally {
      await desk.close();
    }
  });

  it('records its schema version, migrates once, and keeps the desk id across restarts', async () => {
    let desk = await startTestDesk(postgres);
    const first = desk.deskId;
    desk = await desk.restart();
    try {
      expect(desk.deskId).toBe(first);
      const rows = await desk.database.pool.query('SELECT version FROM desk_schema ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await desk.close();
    }
  });

  it('refuses a database of a newer schema and leaves it untouched', async () => {
    const url = await postgres.freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    await migrateDesk(pool);
    await pool.query("INSERT INTO desk_schema (version, name) VALUES (990, 'from the future')");
    const { dir } = tempDataDir();
    await expect(startDesk({ dataDir: dir, databaseUrl: url, port: 0, log: () => undefined })).rejects.toThrow(/schema 990, newer than this server knows/);
    const tables = await pool.query("SELECT count(*)::int AS n FROM desk_schema");
    expect(tables.rows[0].n).toBe(MIGRATIONS.length + 1);
    await pool.end();
  });

  it('keeps the audit table append-only in the database itself', async () => {
    const desk = await startTestDesk(postgres);
    try {
      const pool = desk.database.pool;
      await pool.query("INSERT INTO audit (action, note) VALUES ('test', 'kept')");
      await expect(pool.query("UPDATE audit SET note = 'changed'")).rejects.toThrow(/append-only: UPDATE is refused/);
      await expect(pool.query('DELETE FROM audit')).rejects.toThrow(/append-only: DELETE is refused/);
      await expect(pool.query('TRUNCATE audit CASCADE')).rejects.toThrow(/append-only: TRUNCATE is refused/);
      const rows = await pool.query('SELECT note FROM audit');
      expect(rows.rows).toEqual([{ note: 'kept' }]);
    } finally {
      await desk.close();
    }
  });

  it('says clearly when the port is taken', async () => {
    const desk = await startTestDesk(postgres);
    try {
      await expect(startDesk({ dataDir: desk.dataDir, databaseUrl: desk.databaseUrl, port: desk.port, log: () => undefined })).rejects.toThrow(/Port \d+ is in use/);
      expect((await desk.api('GET', '/health')).status).toBe(200);
    } finally {
      await desk.close();
    }
  });
});
