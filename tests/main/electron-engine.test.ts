/**
 * The app's engine, as main starts and relays it: forked with Electron's utilityProcess from the
 * app's own folder, the contract relayed to it, and a crash survived: the window is told the
 * store stopped and is back, and carries on with nothing acknowledged lost.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { StoreStatus } from '../../main/engine/host.js';
import { doc } from '../helpers/documents.js';
import { it } from '../helpers/electronStub.js';

describe('the engine of the app', () => {
  it('is a utilityProcess started from app/dist/engine.cjs, and main opens no database itself', async ({ startApp }) => {
    const app = await startApp();
    expect(app.electron.recorded.utilityForks.map((f) => [f.modulePath, f.options])).toEqual([
      [path.join(app.distDir, 'engine.cjs'), { serviceName: 'Newsroom engine', stdio: 'inherit' }],
    ]);
    const created = await app.call('story:create', { fields: { headline: 'Relayed to the engine' } });
    expect((await app.call('story:get', { id: created.id })).headline).toBe('Relayed to the engine');
  });

  it('restarts after a crash: the window hears the store stopped and is back, and nothing acknowledged is lost', async ({ startApp }) => {
    const app = await startApp();
    let story = await app.call('story:create', { fields: { headline: 'Typed through a crash' } });
    story = await app.call('story:save', { id: story.id, version: story.version, body: doc('Acknowledged before the crash.') });
    // A native crash in the engine.
    app.electron.recorded.utilityForks[0]?.process.kill();
    // Bounded wait: a restart starts a process and opens the store, slow on a busy machine.
    await expect
      .poll(() => app.contents.sent.filter(([name]) => name === 'store:status').map(([, status]) => (status as StoreStatus).state), { timeout: 30_000 })
      .toEqual(['restarting', 'ready']);
    expect(app.electron.recorded.utilityForks).toHaveLength(2);
    expect(app.contents.sent.find(([name, status]) => name === 'store:status' && (status as StoreStatus).state === 'restarting')?.[1]).toMatchObject({
      reason: expect.stringMatching(/engine process/),
    });
    // The window carries on: the text it was told was saved is there, and it saves again.
    expect((await app.call('story:get', { id: story.id })).body).toContain('Acknowledged before the crash.');
    const saved = await app.call('story:save', { id: story.id, version: story.version, body: doc('And after it.') });
    expect(saved.version).toBe(story.version + 1);
  });
});
