/**
 * The desk client in the engine's own process, as the app starts it: kept in step in the
 * background with no window asking, and its state sent as the `desk:status` event the window shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../common/contract/index.js';
import { addUser } from '../../server/accounts.js';
import { createDeskConnection } from '../../main/services/desk/connection.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { startTestDesk } from '../helpers/desk.js';
import { doc } from '../helpers/documents.js';
import { startTestEngine } from '../helpers/engine.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

describe('the desk client in the engine process', () => {
  it('keeps a new story in step in the background and tells the window "On the desk", then "Can\'t reach the desk" with the reason', { timeout: 90_000 }, async () => {
    let desk = await startTestDesk(postgres);
    const { dir, cleanup } = tempDataDir('newsroom-desk-engine-');
    const events: DeskStatus[] = [];
    const host = startTestEngine(dir, { keepInStepWithDesk: true, onEvent: (name, payload) => name === 'desk:status' && events.push(payload as DeskStatus) });
    try {
      await addUser(desk.database.pool, 'Ana', 'reporter', 'ana password');
      await createDeskConnection(dir).connect(desk.url, 'Ana', 'ana password');
      await host.open();
      const made = await host.invoke({ origin: 'test' }, 'story:create', { fields: { headline: 'Night shift' }, body: doc('Filed from the engine.') });
      if (!made.ok) throw new Error(made.error.message);
      const storyId = made.value.id;
      // Nobody calls desk:sync: the engine's own rounds upload the story.
      await expect.poll(async () => (await desk.api('GET', `/api/stories/${storyId}`, { token: await createDeskConnection(dir).token() })).status, { timeout: 30_000, interval: 250 }).toBe(200);
      await expect.poll(() => events.at(-1)?.label, { timeout: 30_000 }).toBe('On the desk');
      const status = await host.invoke({ origin: 'test' }, 'desk:status', {});
      expect(status).toMatchObject({ ok: true, value: { connected: true, state: 'on-desk', user: 'Ana', role: 'reporter', waiting: 0 } });

      await desk.close();
      const sync = await host.invoke({ origin: 'test' }, 'desk:sync', {});
      expect(sync).toMatchObject({ ok: false, error: { code: 'desk-unavailable', message: expect.stringMatching(/^Can't reach the desk at /) } });
      await expect.poll(() => events.at(-1)?.label).toMatch(/^Can't reach the desk: Can't reach the desk at http:\/\/127\.0\.0\.1:\d+: nothing answers/);
      desk = await desk.restart();
    } finally {
      await host.close();
      cleanup();
      await desk.close();
    }
  });
});
