import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../common/contract/index.js';
import { invokeChannel } from '../../main/handlers.js';
import { newId } from '../../common/ids.js';
import { removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();
const newsroom = () => cleanups.newsroom();

function storyCount(n: ReturnType<typeof newsroom>): number {
  return (n.db.prepare('SELECT count(*) AS c FROM stories').get() as { c: number }).c;
}

describe('the IPC door', () => {
  it('handles every channel of the contract and nothing else', () => {
    const n = newsroom();
    expect(Object.keys(n.door.handlers).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(contract[channel].doc.length, channel).toBeGreaterThan(10);
  });

  it('creates and reads back a story through the handlers', async () => {
    const n = newsroom();
    const created = await invokeChannel(n.door, { origin: 'test' }, 'story:create', { fields: { headline: 'Through IPC' }, body: doc('Hello desk.') });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const story = created.value as { id: string };
    const read = await invokeChannel(n.door, { origin: 'test' }, 'story:get', { id: story.id });
    expect(read).toMatchObject({ ok: true, value: { headline: 'Through IPC', wordCount: 2 } });
  });

  it('creates a story under the UUIDv7 the window chose, once (issue 13: New story opens before the store answers)', async () => {
    const n = newsroom();
    const id = newId();
    const created = await invokeChannel(n.door, { origin: 'test' }, 'story:create', { id });
    expect(created).toMatchObject({ ok: true, value: { id, version: 1, status: 'draft' } });
    const again = await invokeChannel(n.door, { origin: 'test' }, 'story:create', { id, fields: { headline: 'Over it' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'already-exists' } });
    expect(await invokeChannel(n.door, { origin: 'test' }, 'story:get', { id })).toMatchObject({ ok: true, value: { headline: '' } });
    const notV7 = await invokeChannel(n.door, { origin: 'test' }, 'story:create', { id: 'my-own-id' });
    expect(notV7).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('answers malformed arguments with a typed error and writes nothing', async () => {
    const n = newsroom();
    const bad: [string, unknown][] = [
      ['story:create', { fields: { headline: 42 } }],
      ['story:create', { fields: { headline: 'x' }, extra: true }],
      ['story:create', { body: '{"root":{"type":"root","version":1,"children":[{"type":"iframe"}]}}' }],
      ['story:create', 'a string'],
      ['story:save', { id: 'x', version: -1 }],
      ['story:save', { id: 'x', version: 1.5 }],
      ['story:list', { limit: 10_000 }],
      ['story:purge', { id: 'x', confirm: false }],
      ['story:search', { query: 'x'.repeat(600) }],
      ['revision:restore', { storyId: 'x' }],
    ];
    for (const [channel, arg] of bad) {
      const result = await invokeChannel(n.door, { origin: 'test' }, channel, arg);
      expect(result.ok, `${channel} ${JSON.stringify(arg).slice(0, 60)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-argument');
        expect(result.error.message).toMatch(new RegExp(`^(${channel} was called with a bad argument|Story body)`));
      }
    }
    expect(storyCount(n)).toBe(0);
  });

  it('refuses unknown channels', async () => {
    const n = newsroom();
    for (const channel of ['story:drop', '__proto__', 'constructor', 42, null]) {
      const result = await invokeChannel(n.door, { origin: 'test' }, channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('passes conflicts through with the version now stored', async () => {
    const n = newsroom();
    const created = await invokeChannel(n.door, { origin: 'test' }, 'story:create', {});
    const id = (created as { ok: true; value: { id: string } }).value.id;
    await invokeChannel(n.door, { origin: 'test' }, 'story:save', { id, version: 1, fields: { headline: 'First window' } });
    const stale = await invokeChannel(n.door, { origin: 'test' }, 'story:save', { id, version: 1, fields: { headline: 'Second window' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', details: { currentVersion: 2 } } });
  });

  it('reports unexpected failures as internal errors without leaking a crash', async () => {
    const n = newsroom();
    n.db.close();
    const seen: string[] = [];
    const result = await invokeChannel(n.door, { origin: 'test' }, 'story:list', {}, { onInternalError: (channel) => seen.push(channel) });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(seen).toEqual(['story:list']);
  });
});
