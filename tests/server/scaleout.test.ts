/**
 * Two `newsroom desk serve` processes on one PostgreSQL, joined through one Redis: people on
 * different processes editing the same story see each other's edits, and the desk stores one
 * story with both. A move made on one process changes what the connections on the other may do.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../common/ids.js';
import { addUser } from '../../server/accounts.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { storedState } from '../../server/stories.js';
import { appendParagraph, bodyText, openStory, storyDoc, type OpenStory } from '../helpers/desk.js';
import { startDeskProcess, type DeskProcess } from '../helpers/deskProcess.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';

let postgres: TestPostgres;
let redis: TestRedis;
beforeAll(async () => {
  postgres = await startTestPostgres();
  redis = await startTestRedis();
}, 120_000);
afterAll(async () => {
  await redis?.stop();
  postgres?.stop();
});

async function signIn(desk: DeskProcess, name: string): Promise<string> {
  const response = await fetch(`${desk.url}/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: `${name} password` }) });
  const body = (await response.json()) as { token: string };
  return body.token;
}

async function call(desk: DeskProcess, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: { story?: { state: string } } }> {
  const response = await fetch(`${desk.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { story?: { state: string } } };
}

describe('two desk processes joined through Redis', () => {
  it('people on different processes edit the same story and converge, and PostgreSQL keeps both edits', { timeout: 180_000 }, async () => {
    const databaseUrl = await postgres.freshDatabase();
    const nodes: DeskProcess[] = [];
    const open: OpenStory[] = [];
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      nodes.push(await startDeskProcess({ dataDir: postgres.scratchDir(), databaseUrl, redisUrl: redis.url }));
      nodes.push(await startDeskProcess({ dataDir: postgres.scratchDir(), databaseUrl, redisUrl: redis.url }));
      const [one, two] = nodes as [DeskProcess, DeskProcess];
      expect(one.logs.join('\n')).toMatch(/joined to the other processes through Redis/);
      for (const [name, role] of [['Ana', 'reporter'], ['Bo', 'editor'], ['Cy', 'editor']] as const) await addUser(pool, name, role, `${name} password`);
      const ana = await signIn(one, 'Ana');
      const bo = await signIn(one, 'Bo');
      const cy = await signIn(two, 'Cy');
      const id = newId();
      const uploaded = await call(one, ana, 'POST', '/api/stories', { id, state: Buffer.from(Y.encodeStateAsUpdate(storyDoc('Flood', ['First.']))).toString('base64') });
      expect(uploaded.status).toBe(201);
      expect((await call(one, ana, 'POST', `/api/stories/${id}/moves`, { action: 'file' })).status).toBe(200);

      const onOne = openStory(one, id, bo);
      const onTwo = openStory(two, id, cy);
      open.push(onOne, onTwo);
      expect(await onOne.authenticated).toEqual({ readOnly: false });
      expect(await onTwo.authenticated).toEqual({ readOnly: false });
      await expect.poll(() => bodyText(onTwo.doc), { timeout: 30_000 }).toBe('First.');

      appendParagraph(onOne.doc, 'Bo on process one.');
      appendParagraph(onTwo.doc, 'Cy on process two.');
      onTwo.doc.getMap('fields').set('headline', 'Flood: river at record');
      // Both see both edits, in the same order.
      await expect.poll(() => bodyText(onOne.doc).split('\n').length, { timeout: 30_000 }).toBe(3);
      await expect.poll(() => bodyText(onTwo.doc).split('\n').length, { timeout: 30_000 }).toBe(3);
      expect(bodyText(onOne.doc)).toBe(bodyText(onTwo.doc));
      expect(bodyText(onOne.doc)).toContain('Cy on process two.');
      expect(bodyText(onTwo.doc)).toContain('Bo on process one.');
      expect(onOne.doc.getMap('fields').get('headline')).toBe('Flood: river at record');

      // A move on process one: the connection on process two is asked again and becomes read-only.
      const moved = await call(one, bo, 'POST', `/api/stories/${id}/moves`, { action: 'approve' });
      expect(moved.status).toBe(200);
      await expect.poll(() => onTwo.provider.authorizedScope, { timeout: 30_000 }).toBe('readonly');

      const expected = bodyText(onOne.doc);
      for (const client of open.splice(0)) client.close();
      for (const node of nodes.splice(0)) await node.stop();
      const state = await storedState(pool, id);
      expect(state).not.toBeNull();
      const stored = docFromState(state as Uint8Array);
      expect(bodyText(stored)).toBe(expected);
      expect(deriveStory(stored).headline).toBe('Flood: river at record');
    } finally {
      for (const client of open) client.close();
      for (const node of nodes) await node.kill();
      await pool.end();
    }
  });
});
