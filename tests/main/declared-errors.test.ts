/**
 * Every channel answers only with the errors the contract declares for it (its own, and those
 * any channel may give): driven with the arguments that make services refuse (unknown ids, stale
 * versions, locked copy, forbidden moves, missing dialogs) on a real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, channelErrors, contract, type Channel } from '../../common/contract/index.js';
import type { ErrorCode } from '../../common/errors.js';
import { createHandlers, invokeChannel, type Door } from '../../main/handlers.js';
import { tempNewsroom, by, type TestNewsroom } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

let n: TestNewsroom;
let ids: { draft: string; approved: string; missing: string; revision: string };

beforeAll(() => {
  n = tempNewsroom({ platform: { chooseImageFiles: async () => ['/no/such/photo.jpg'], chooseSavePath: async () => '/no/such/folder/x.newsroom', chooseExportFolder: async () => null, chooseImportFiles: async () => ['/no/such/story.docx'] } });
  const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const eve = n.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const draft = n.stories.create({ fields: { headline: 'A draft', byline: ['Ana Lima'] }, body: doc('Words in a draft.') }, by(ana));
  let approved = n.stories.create({ fields: { headline: 'Approved copy', byline: ['Ana Lima'], dateline: { place: 'LEEDS', date: '' } }, body: doc('Approved words.') }, by(ana));
  approved = n.workflow.move({ id: approved.id, version: approved.version, action: 'file' }, by(ana));
  approved = n.workflow.move({ id: approved.id, version: approved.version, action: 'approve' }, by(eve));
  ids = { draft: draft.id, approved: approved.id, missing: '0190a1b2-0000-4000-8000-000000000000' /* not a UUIDv7, so story:create can't take it as a new story's id */, revision: n.revisions.create(draft.id).id };
});
afterAll(() => n.cleanup());

/** Arguments that make services refuse, tried on every channel whose schema takes them. */
function attempts(): unknown[] {
  const values = [ids.draft, ids.approved, ids.missing, ids.revision, 'no-such-slug'];
  const out: unknown[] = [{}];
  for (const id of values) {
    // The version the story is at now (earlier attempts move it on), and a stale one.
    let current = 1;
    try {
      current = n.stories.get(id).version;
    } catch {
      // not a story: its version does not matter
    }
    out.push({ id }, { storyId: id }, { id, version: 1 }, { id, version: current }, { storyId: id, revisionId: ids.revision, version: current }, { storyId: id, revisionId: ids.missing, version: 1 });
    out.push({ id, version: current, body: doc('Changed') }, { id, version: current, fields: { headline: 'Changed' } });
    for (const action of ['file', 'take', 'approve', 'spike', 'restore', 'reopen', 'publish', 'correct', 'request-changes']) out.push({ id, version: 1, action }, { id, version: current, action }, { id, version: current, action, note: 'why' });
    out.push({ storyId: id, text: 'A note' }, { storyId: id, findingId: 'x', ignore: true }, { storyId: id, version: 1, keep: 'incoming' }, { id, confirm: true });
    out.push({ storyId: id, from: ids.revision }, { storyId: id, from: ids.missing }, { storyId: id });
  }
  out.push({ name: 'missing.db' }, { name: 'x.newsroom', bytes: new Uint8Array([1, 2, 3]) }, { name: 'x.jpg', bytes: new Uint8Array([1, 2, 3]) }, { name: 'x.txt', bytes: new Uint8Array() });
  return out;
}

describe('errors are declared per channel', () => {
  it('every channel declares its errors as data, and what it does', () => {
    for (const channel of CHANNELS) {
      expect(Array.isArray(contract[channel].errors), channel).toBe(true);
      expect(contract[channel].doc.length, channel).toBeGreaterThan(10);
    }
  });

  it('no handler answers with an error its channel does not declare', async () => {
    const undeclared: string[] = [];
    const seen = new Map<Channel, Set<ErrorCode>>();
    for (const channel of CHANNELS) {
      // Attempts are made again for each channel: their versions follow what earlier channels did.
      for (const arg of attempts()) {
        if (!contract[channel].arg.safeParse(arg).success) continue;
        const result = await invokeChannel(n.door, { origin: 'test' }, channel, arg, { onUndeclaredError: (c, code) => undeclared.push(`${c}: ${code}`) });
        if (!result.ok) {
          if (!seen.has(channel)) seen.set(channel, new Set());
          seen.get(channel)?.add(result.error.code);
          expect(channelErrors(channel), `${channel} ${JSON.stringify(arg)}`).toContain(result.error.code);
        }
      }
    }
    expect(undeclared).toEqual([]);
    // The attempts did reach the refusals the contract declares.
    expect(seen.get('story:save')).toEqual(new Set(['not-found', 'conflict', 'forbidden']));
    expect(seen.get('workflow:move')).toEqual(new Set(['not-found', 'conflict', 'forbidden']));
  });

  it('reports an undeclared error, so a clean run means something', async () => {
    const handlers = createHandlers(n);
    const door: Door = { handlers: { ...handlers, 'settings:get': () => n.stories.get(ids.missing) as never }, callerFor: n.door.callerFor };
    const reported: string[] = [];
    const result = await invokeChannel(door, { origin: 'test' }, 'settings:get', {}, { onUndeclaredError: (c, code) => reported.push(`${c}: ${code}`) });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(reported).toEqual(['settings:get: not-found']);
  });
});
