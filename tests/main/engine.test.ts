/**
 * The engine in its own process, as every entry starts it: the contract relayed through it, the
 * dialogs it asks its starter for, refusals that say why, and a crash mid-save survived with
 * nothing acknowledged lost.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../common/contract/index.js';
import type { EngineHost, StoreStatus } from '../../main/engine/host.js';
import { openNewsroom } from '../../main/newsroom.js';
import { databasePath } from '../../db/open.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { startTestEngine } from '../helpers/engine.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function engineIn(dir: string, options: Parameters<typeof startTestEngine>[1] = {}): EngineHost {
  const host = startTestEngine(dir, options);
  cleanups.push(() => host.close());
  return host;
}
function dataDir(): string {
  const { dir, cleanup } = tempDataDir('newsroom-engine-');
  cleanups.push(cleanup);
  return dir;
}
async function value<C extends keyof import('../../common/contract/index.js').Contract>(answer: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<ChannelResult<C>> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error?.message);
  return result.value as ChannelResult<C>;
}

describe('the engine process', () => {
  it('serves the contract, and asks its starter for the dialogs it needs', async () => {
    const dir = dataDir();
    const asked: string[] = [];
    const host = engineIn(dir, { platform: { chooseImageFiles: async () => (asked.push('photos'), [fixturePhoto('iptc-agency-photographer-example.jpg')]) } });
    await host.open();
    const story = await value<'story:create'>(host.invoke({ origin: 'test' }, 'story:create', { fields: { headline: 'Through the engine' }, body: doc('Words.') }));
    expect(await value<'story:get'>(host.invoke({ origin: 'test' }, 'story:get', { id: story.id }))).toMatchObject({ headline: 'Through the engine', wordCount: 1 });
    const chosen = await value<'media:choose'>(host.invoke({ origin: 'test' }, 'media:choose', {}));
    expect(asked).toEqual(['photos']);
    expect(chosen.imported[0]?.node.credit).toMatchObject({ photographers: ['Julie Doe'], agency: 'Mugwum Press' });
    // A dialog the starter does not offer is refused in words.
    expect(await host.invoke({ origin: 'test' }, 'export:approved', {})).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^There is no folder dialog here/) } });
    // The photo's display copy, as the media protocol asks for it.
    const { file } = await host.request({ what: 'media-file', id: chosen.imported[0]!.photo.id, rendition: 'display' });
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
  });

  it('says why a store cannot be opened, and leaves the file alone', async () => {
    const dir = dataDir();
    fs.writeFileSync(databasePath(dir), 'not a database');
    const host = engineIn(dir);
    await expect(host.open()).rejects.toMatchObject({ code: 'database-unreadable', message: expect.stringMatching(/is not an SQLite database/) });
    expect(fs.readFileSync(databasePath(dir), 'utf8')).toBe('not a database');
    // The backups are still reachable with the store closed.
    const closed = engineIn(dir, { mode: 'closed' });
    await closed.open();
    expect(await closed.invoke({ origin: 'cli' }, 'backup:list', {})).toEqual({ ok: true, value: [] });
    expect(await closed.invoke({ origin: 'cli' }, 'story:list', {})).toMatchObject({ ok: false, error: { code: 'store-unavailable' } });
  });

  it('restarts after a crash mid-save: every acknowledged save is kept and the caller carries on', async () => {
    const dir = dataDir();
    const statuses: StoreStatus['state'][] = [];
    const host = engineIn(dir, { onEvent: (name, payload) => name === 'store:status' && statuses.push((payload as StoreStatus).state) });
    await host.open();
    let story = await value<'story:create'>(host.invoke({ origin: 'test' }, 'story:create', { fields: { headline: 'Saved through a crash' } }));
    let acknowledged = { version: story.version, words: 0 };
    let refusedWhileDown = 0;
    let killed = false;
    for (let words = 1; words <= 60; words += 1) {
      if (words === 25) {
        // Kill the engine with a save in flight.
        const inFlight = host.invoke({ origin: 'test' }, 'story:save', { id: story.id, version: story.version, body: doc(Array.from({ length: words }, (_, i) => `w${i}`).join(' ')) });
        host.kill();
        killed = true;
        const answer = await inFlight;
        if (!answer.ok) {
          expect(answer.error).toMatchObject({ code: 'store-unavailable', message: expect.stringMatching(/restarting it\. Your text is still here/) });
          refusedWhileDown += 1;
          // As the window does: read the story again and go on from what is stored.
          story = await value<'story:get'>(host.invoke({ origin: 'test' }, 'story:get', { id: story.id }));
          continue;
        }
      }
      const saved = await host.invoke({ origin: 'test' }, 'story:save', { id: story.id, version: story.version, body: doc(Array.from({ length: words }, (_, i) => `w${i}`).join(' ')) });
      if (!saved.ok) throw new Error(saved.error.message);
      story = saved.value as typeof story;
      acknowledged = { version: story.version, words };
    }
    expect(killed).toBe(true);
    expect(statuses).toEqual(expect.arrayContaining(['ready', 'restarting']));
    expect(statuses.at(-1)).toBe('ready');
    expect(refusedWhileDown).toBeLessThanOrEqual(1);
    await host.close();
    const newsroom = openNewsroom(dir);
    try {
      const stored = newsroom.stories.get(story.id);
      expect(stored.version).toBe(acknowledged.version);
      expect(stored.wordCount).toBe(acknowledged.words);
      expect((newsroom.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    } finally {
      newsroom.close();
    }
  });

  it('closes once: a second close (the quit, then a clean-up) waits until the store is closed', async () => {
    const host = engineIn(dataDir());
    await host.started;
    await host.open();
    const first = host.close();
    await host.close();
    expect(host.status()).toEqual({ state: 'stopped', reason: 'closed' });
    await first;
  });
});
