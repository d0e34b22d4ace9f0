/**
 * The window's autosave through an engine that dies: the renderer's AutosaveController (the code
 * the story screen runs) saving through the real engine process, which is killed mid-save. The
 * text is kept and saved again once the store is back, nothing acknowledged is lost, and the save
 * that landed just before the crash (its answer lost with the engine) is not taken for a conflict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Story } from '../../common/story.js';
import { documentText, parseStoryDocument } from '../../common/document.js';
import type { StoreStatus } from '../../common/contract/index.js';
import { ApiError } from '../../renderer/api.js';
import { AutosaveController, type SaveRequest, type SaveState, type StorySnapshot } from '../../renderer/editor/plugins/Autosave/controller.js';
import type { EngineHost } from '../../main/engine/host.js';
import { openNewsroom } from '../../main/newsroom.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { startTestEngine } from '../helpers/engine.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** An engine on a fresh data dir, a story in it, and a controller saving it as the window does. */
async function windowOn(options: { loseAnswerOfSave?: number; storeBackOnReady?: boolean } = {}) {
  const { dir, cleanup } = tempDataDir('newsroom-autosave-');
  cleanups.push(cleanup);
  const ready: (() => void)[] = [];
  const statuses: StoreStatus['state'][] = [];
  let controller: AutosaveController | null = null;
  const host: EngineHost = startTestEngine(dir, {
    onEvent: (name, payload) => {
      if (name !== 'store:status') return;
      const status = payload as StoreStatus;
      statuses.push(status.state);
      // As the story screen does: the store is back, what it stopped under goes out again.
      if (status.state === 'ready') {
        if (options.storeBackOnReady !== false) void controller?.storeBack();
        for (const resolve of ready.splice(0)) resolve();
      }
    },
  });
  cleanups.push(() => host.close());
  await host.open();
  const call = async <T>(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: never; message: string } }>): Promise<T> => {
    const result = await answer;
    if (!result.ok) throw new ApiError(result.error);
    return result.value as T;
  };
  const created = await call<Story>(host.invoke({ origin: 'window' }, 'story:create', { fields: { headline: 'Ferry' } }) as never);
  let text = '';
  let saves = 0;
  const states: SaveState[] = [];
  const fields = { headline: 'Ferry', standfirst: '', byline: [], dateline: { place: '', date: '' }, desk: '', language: 'en' };
  const c = new AutosaveController({
    storyId: created.id,
    version: created.version,
    savedAt: created.updatedAt,
    debounceMs: 5,
    maxWaitMs: 20,
    read: (): StorySnapshot => ({ fields, body: doc(text) }),
    save: async (request: SaveRequest) => {
      saves += 1;
      const answer = call<Story>(host.invoke({ origin: 'window' }, 'story:save', request) as never);
      if (saves === options.loseAnswerOfSave) {
        // The save commits, then the engine dies before its answer reaches the window.
        await answer;
        host.kill();
        throw new ApiError({ code: 'store-unavailable', message: 'The story store stopped; Newsroom is restarting it.' });
      }
      return answer;
    },
    stored: () => call<Story>(host.invoke({ origin: 'window' }, 'story:get', { id: created.id }) as never),
    sameBody: (a, b) => JSON.stringify(parseStoryDocument(a)) === JSON.stringify(parseStoryDocument(b)),
    onState: (state) => states.push(state),
  });
  controller = c;
  c.resetTo({ fields, body: doc('') });
  return {
    dir,
    host,
    controller: c,
    states,
    statuses,
    type(more: string) {
      text = text === '' ? more : `${text} ${more}`;
      c.changed();
    },
    text: () => text,
    backAgain: () => new Promise<void>((resolve) => ready.push(resolve)),
  };
}

function storedText(dir: string, id: string): { text: string; version: number } {
  const newsroom = openNewsroom(dir);
  try {
    const story = newsroom.stories.get(id);
    return { text: documentText(parseStoryDocument(story.body)), version: story.version };
  } finally {
    newsroom.close();
  }
}

describe('autosave through an engine that dies', () => {
  it('keeps the text when the engine is killed mid-save, and saves it again once the store is back', async () => {
    const w = await windowOn();
    w.type('The ferry did not sail.');
    expect(await w.controller.flush()).toBe(true);
    const acknowledged = storedText(w.dir, w.controller.storyId);
    expect(acknowledged.text).toBe('The ferry did not sail.');

    w.type('Passengers waited.');
    const back = w.backAgain();
    const saving = w.controller.flush();
    w.host.kill();
    // The save it was making is refused (or lost): not saved yet, the text still in the window.
    expect(await saving).toBe(false);
    expect(w.controller.currentState).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/stopped/) });
    await back;
    await expect.poll(() => w.controller.currentState.kind, { timeout: 30_000 }).toBe('saved');
    expect(w.statuses).toEqual(['ready', 'restarting', 'ready']);

    // Carries on: more typing is saved over the version it now holds.
    w.type('The harbour master said dawn.');
    expect(await w.controller.flush()).toBe(true);
    await w.host.close();
    const stored = storedText(w.dir, w.controller.storyId);
    expect(stored.text).toBe('The ferry did not sail. Passengers waited. The harbour master said dawn.');
    expect(stored.version).toBe(acknowledged.version + 2);
    expect(w.states.some((s) => s.kind === 'conflict')).toBe(false);
  });

  it('adopts a save that landed just before the crash (its answer lost) instead of calling it a conflict', async () => {
    const w = await windowOn({ loseAnswerOfSave: 2 });
    w.type('First words.');
    expect(await w.controller.flush()).toBe(true);
    const back = w.backAgain();
    w.type('Landed, unanswered.');
    expect(await w.controller.flush()).toBe(false);
    await back;
    await expect.poll(() => w.controller.currentState.kind, { timeout: 30_000 }).toBe('saved');
    w.type('After the restart.');
    expect(await w.controller.flush()).toBe(true);
    expect(w.states.some((s) => s.kind === 'conflict')).toBe(false);
    await w.host.close();
    expect(storedText(w.dir, w.controller.storyId).text).toBe('First words. Landed, unanswered. After the restart.');
  });

  it('still refuses to write over a save made elsewhere while the store was down', async () => {
    const w = await windowOn({ storeBackOnReady: false });
    w.type('Mine.');
    expect(await w.controller.flush()).toBe(true);
    const back = w.backAgain();
    w.type('More of mine.');
    const saving = w.controller.flush();
    w.host.kill();
    expect(await saving).toBe(false);
    await back;
    // Another window saves before this one hears the store is back.
    const current = await w.host.invoke({ origin: 'cli' }, 'story:get', { id: w.controller.storyId });
    if (!current.ok) throw new Error(current.error.message);
    const theirs = await w.host.invoke({ origin: 'cli' }, 'story:save', { id: current.value.id, version: current.value.version, body: doc('Theirs.') });
    expect(theirs.ok).toBe(true);
    expect(await w.controller.storeBack()).toBe(false);
    expect(w.controller.currentState).toMatchObject({ kind: 'conflict', reason: 'changed-elsewhere' });
    await w.host.close();
    expect(storedText(w.dir, w.controller.storyId).text).toBe('Theirs.');
  });
});
