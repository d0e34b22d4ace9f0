/**
 * Story docs wired into the engine: the `doc:*` channels through the door, changes heard by every
 * listener tagged with who made them, text written into the stories row by the old path taken
 * into the doc, and the one-time migration at engine start (backup first, checked both ways, a
 * mismatch kept as a revision and flagged, an interrupted run resumed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createTextNode, $getRoot, $isElementNode } from 'lexical';
import type { Channel, ChannelArg, ChannelResult, JobProgress, StoryDocUpdate } from '../../common/contract/index.js';
import { documentFromPlainText, documentText, parseStoryDocument } from '../../common/document.js';
import { canonicalJSON, editBody, readBody, readField, writeBody, writeField } from '../../common/storyDoc/index.js';
import { invokeChannel } from '../../main/handlers.js';
import { openNewsroom } from '../../main/newsroom.js';
import { DROPPED_NOTE, MISMATCH_NOTE, type StoryDocDroppedEvent } from '../../main/services/storyDocs.js';
import { by, tempDataDir, tempNewsroom, type TestNewsroom } from '../helpers/dataDir.js';
import { startTestEngine } from '../helpers/engine.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function newsroomForTest(): TestNewsroom {
  const newsroom = tempNewsroom();
  cleanups.push(() => newsroom.cleanup());
  return newsroom;
}

async function call<C extends Channel>(newsroom: TestNewsroom, channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
  const answer = await invokeChannel(newsroom.door, { origin: 'test' }, channel, arg);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as ChannelResult<C>;
}

/** A window's edit: a replica of the engine's doc appends a paragraph; answers the update. */
function windowAppends(replica: Y.Doc, words: string): Uint8Array {
  const before = Y.encodeStateVector(replica);
  const body = readBody(replica);
  writeBody(replica, parseStoryDocument({ root: { ...body.root, children: [...body.root.children, documentFromPlainText(words).root.children[0]] } }));
  return Y.encodeStateAsUpdate(replica, before);
}

function replicaOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Two text nodes with the same format side by side: stored JSON can hold them, Lexical merges them into one. */
function bodyLexicalNormalizes(): string {
  const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0, detail: 0, mode: 'normal', style: '' });
  return JSON.stringify({
    root: {
      type: 'root', version: 1, direction: null, format: '', indent: 0,
      children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [text('Half '), text('and half.')] }],
    },
  });
}

describe('doc:* channels', () => {
  it('opens a story as the engine seeded it, and never makes a window seed it', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ fields: { headline: 'Floods' }, body: JSON.stringify(documentFromPlainText('The river rose.')) }, by(null));
    const opened = await call(newsroom, 'doc:open', { id: story.id });
    expect(opened).toMatchObject({ storyId: story.id, layout: 1, migration: 'checked', conflicts: [] });
    const replica = replicaOf(opened.state);
    expect(documentText(readBody(replica))).toBe('The river rose.');
    expect(readField(replica, 'headline')).toEqual({ conflict: false, value: 'Floods' });
    // Opened again (a second window): the same doc, not a second seed of the same text.
    const again = replicaOf((await call(newsroom, 'doc:open', { id: story.id })).state);
    expect(documentText(readBody(again))).toBe('The river rose.');
  });

  it('takes a window’s change, on disk when answered, tells every listener who made it, and derives the row', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ body: JSON.stringify(documentFromPlainText('First.')) }, by(null));
    const heard: StoryDocUpdate[] = [];
    newsroom.storyDocs.onUpdate((change) => heard.push(change));
    const state0 = (await call(newsroom, 'doc:open', { id: story.id })).state;
    const replica = replicaOf(state0);
    const update = windowAppends(replica, 'Second.');
    expect(await call(newsroom, 'doc:update', { id: story.id, update, origin: 'pane-1' })).toEqual({ saved: true });
    expect(newsroom.storyDocs.storedRows(story.id)).toBe(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ storyId: story.id, origin: 'test:pane-1' });
    // Another window's replica, fed by the event, ends up with the same text.
    const other = replicaOf(state0);
    for (const change of heard) Y.applyUpdate(other, change.update);
    expect(documentText(readBody(other))).toBe('First.\nSecond.');
    await call(newsroom, 'doc:close', { id: story.id });
    expect(documentText(parseStoryDocument(newsroom.stories.get(story.id).body))).toBe('First.\nSecond.');
    expect(newsroom.storyDocs.storedRows(story.id)).toBe(0);
  });

  it('refuses a change that is not a Yjs update, and writes nothing', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ body: JSON.stringify(documentFromPlainText('Kept.')) }, by(null));
    await call(newsroom, 'doc:open', { id: story.id });
    const answer = await invokeChannel(newsroom.door, { origin: 'test' }, 'doc:update', { id: story.id, update: new Uint8Array([9, 9, 9, 9]), origin: 'pane' });
    expect(answer.ok).toBe(false);
    expect(newsroom.storyDocs.storedRows(story.id)).toBe(0);
    const missing = await invokeChannel(newsroom.door, { origin: 'test' }, 'doc:open', { id: 'no-such-story' });
    expect(missing.ok === false && missing.error.code).toBe('not-found');
  });

  it('takes text saved through story:save (an old-format window) into the doc as a change from the store', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ fields: { headline: 'Fire' }, body: JSON.stringify(documentFromPlainText('Draft.')) }, by(null));
    const replica = replicaOf((await call(newsroom, 'doc:open', { id: story.id })).state);
    const heard: StoryDocUpdate[] = [];
    newsroom.storyDocs.onUpdate((change) => heard.push(change));
    await call(newsroom, 'story:save', { id: story.id, version: story.version, fields: { headline: 'Harbour fire' }, body: JSON.stringify(documentFromPlainText('Saved the old way.')) });
    const opened = await call(newsroom, 'doc:open', { id: story.id });
    expect(documentText(readBody(replicaOf(opened.state)))).toBe('Saved the old way.');
    expect(heard.map((change) => change.origin)).toEqual(['store']);
    // The window that had the doc open catches up from the event alone.
    for (const change of heard) Y.applyUpdate(replica, change.update);
    expect(documentText(readBody(replica))).toBe('Saved the old way.');
    expect(readField(replica, 'headline')).toEqual({ conflict: false, value: 'Harbour fire' });
    // A doc change made after it is not undone by the row: the row follows the doc.
    await call(newsroom, 'doc:update', { id: story.id, update: windowAppends(replica, 'Then typed.'), origin: 'pane' });
    newsroom.storyDocs.flush(story.id);
    expect(documentText(parseStoryDocument(newsroom.stories.get(story.id).body))).toBe('Saved the old way.\nThen typed.');
    expect(newsroom.stories.get(story.id).headline).toBe('Harbour fire');
  });

  it('keeps a headline changed on two replicas from the same one as a conflict the window is told about', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ fields: { headline: 'Floods' } }, by(null));
    const state = (await call(newsroom, 'doc:open', { id: story.id })).state;
    const [a, b] = [replicaOf(state), replicaOf(state)];
    for (const [replica, headline, who] of [[a, 'Floods hit villages', 'Ana'], [b, 'Villages under water', 'Eve']] as const) {
      const before = Y.encodeStateVector(replica);
      writeField(replica, 'headline', headline, who);
      await call(newsroom, 'doc:update', { id: story.id, update: Y.encodeStateAsUpdate(replica, before), origin: who });
    }
    expect((await call(newsroom, 'doc:open', { id: story.id })).conflicts).toEqual(['headline']);
    newsroom.storyDocs.flush(story.id);
    // The row keeps the headline it had until a person picks one.
    expect(newsroom.stories.get(story.id).headline).toBe('Floods');
  });
});

describe('text a merge would drop', () => {
  it('is kept as a note on the story when one side typed into a paragraph the other deleted', async () => {
    const newsroom = newsroomForTest();
    const story = newsroom.stories.create({ body: JSON.stringify(documentFromPlainText('Keep this.\n\nCut this paragraph.\n\nKeep that.')) }, by(null));
    const state = (await call(newsroom, 'doc:open', { id: story.id })).state;
    const [editor, reporter] = [replicaOf(state), replicaOf(state)];
    const change = (replica: Y.Doc, edit: () => void) => {
      const before = Y.encodeStateVector(replica);
      editBody(replica, edit);
      return Y.encodeStateAsUpdate(replica, before);
    };
    const cut = change(editor, () => $getRoot().getChildAtIndex(1)?.remove());
    const typed = change(reporter, () => {
      const block = $getRoot().getChildAtIndex(1);
      if ($isElementNode(block)) block.append($createTextNode(' Two boats burned.'));
    });
    const heard: StoryDocDroppedEvent[] = [];
    newsroom.storyDocs.onDropped((event) => heard.push(event));
    await call(newsroom, 'doc:update', { id: story.id, update: cut, origin: 'editor' });
    await call(newsroom, 'doc:update', { id: story.id, update: typed, origin: 'reporter' });
    expect(documentText(newsroom.storyDocs.body(story.id))).toBe('Keep this.\nKeep that.');
    expect(heard).toEqual([{ storyId: story.id, origin: 'test:reporter', dropped: [{ side: 'incoming', text: 'Two boats burned.' }] }]);
    expect(newsroom.notes.list(story.id).map((note) => note.text)).toEqual([`${DROPPED_NOTE} “Two boats burned.”`]);
  });
});

describe('the migration at engine start', () => {
  it('takes no backup on a new store, nor later for the stories made in it', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-docs-');
    cleanups.push(cleanup);
    const first = startTestEngine(dir);
    await first.open();
    const created = await first.invoke({ origin: 'cli' }, 'story:create', { fields: { headline: 'Made today' } });
    expect(created.ok).toBe(true);
    await first.close();
    const again = startTestEngine(dir);
    cleanups.push(() => again.close());
    await again.open();
    await again.close();
    expect(fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')) : []).toEqual([]);
    const newsroom = openNewsroom(dir);
    cleanups.push(() => newsroom.close());
    expect(created.ok && newsroom.storyDocs.migrationOf(created.value.id)).toBe('checked');
  });

  function storeWithStories(dir: string, bodies: string[]): string[] {
    const newsroom = openNewsroom(dir);
    const ids = bodies.map((body, i) => newsroom.stories.create({ fields: { headline: `Story ${i}` }, body }, by(null)).id);
    newsroom.db.exec('DELETE FROM story_docs');
    newsroom.close();
    return ids;
  }

  it('backs up first, converts every story checked both ways, flags a mismatch and keeps its JSON as a revision', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-docs-');
    cleanups.push(cleanup);
    const ids = storeWithStories(dir, [JSON.stringify(documentFromPlainText('One.')), JSON.stringify(documentFromPlainText('Two.')), bodyLexicalNormalizes()]);
    const host = startTestEngine(dir);
    cleanups.push(() => host.close());
    await host.open();
    await host.close();

    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((name) => name.endsWith('-before-story-docs.db'));
    expect(backups).toHaveLength(1);
    const newsroom = openNewsroom(dir);
    cleanups.push(() => newsroom.close());
    expect(ids.map((id) => newsroom.storyDocs.migrationOf(id))).toEqual(['checked', 'checked', 'mismatch']);
    const flagged = ids[2] as string;
    expect(newsroom.revisions.list(flagged).map((revision) => revision.reason)).toContain('before-restore');
    const kept = newsroom.revisions.list(flagged).find((revision) => revision.reason === 'before-restore');
    expect(canonicalJSON(JSON.parse(newsroom.revisions.get(kept?.id ?? '').body))).toBe(canonicalJSON(JSON.parse(bodyLexicalNormalizes())));
    expect(newsroom.notes.list(flagged).map((note) => note.text)).toEqual([MISMATCH_NOTE]);
    expect(documentText(newsroom.storyDocs.body(flagged))).toBe('Half and half.');
  });

  it('shows the conversion at start on the splash: the start-up job says what it does and how far it is', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-docs-');
    cleanups.push(cleanup);
    storeWithStories(dir, Array.from({ length: 120 }, (_, i) => JSON.stringify(documentFromPlainText(`Story number ${i}.`))));
    const seen: JobProgress[] = [];
    const host = startTestEngine(dir, {
      onEvent: (name, payload) => {
        if (name === 'job:progress') seen.push(payload as JobProgress);
      },
    });
    cleanups.push(() => host.close());
    await host.open();
    const converting = seen.filter((p) => p.job === 'start-check' && p.what === 'Converting stories to the new format');
    expect(converting.map((p) => [p.done, p.total])).toEqual([
      [0, 120],
      [50, 120],
      [100, 120],
      [120, 120],
    ]);
  });

  it('resumes an interrupted run with the stories left, without a second backup', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-docs-');
    cleanups.push(cleanup);
    const ids = storeWithStories(dir, ['A.', 'B.', 'C.', 'D.'].map((t) => JSON.stringify(documentFromPlainText(t))));
    const newsroom = openNewsroom(dir);
    cleanups.push(() => newsroom.close());
    const stop = new AbortController();
    const first = await newsroom.storyDocs.migrateStories(() => newsroom.backups.backup('before-story-docs'), {
      signal: stop.signal,
      report: (_what, done) => {
        if (done === 2) stop.abort();
      },
    });
    expect(first.checked).toBe(2);
    expect(ids.map((id) => newsroom.storyDocs.migrationOf(id))).toEqual(['checked', 'checked', null, null]);
    expect(first.backup).toMatch(/before-story-docs\.db$/);
    const second = await newsroom.storyDocs.migrateStories(() => Promise.reject(new Error('a resumed run takes no second backup')));
    expect(second).toEqual({ checked: 2, mismatched: [], backup: null });
    const third = await newsroom.storyDocs.migrateStories(() => Promise.reject(new Error('no backup should be taken')));
    expect(third).toEqual({ checked: 0, mismatched: [], backup: null });
    expect(ids.map((id) => documentText(newsroom.storyDocs.body(id)))).toEqual(['A.', 'B.', 'C.', 'D.']);
  });

  it('sends every change to a doc to the engine’s starter as a doc:update event', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-docs-');
    cleanups.push(cleanup);
    const events: Array<{ name: string; payload: unknown }> = [];
    const host = startTestEngine(dir, { onEvent: (name, payload) => events.push({ name, payload }) });
    cleanups.push(() => host.close());
    await host.open();
    const created = await host.invoke({ origin: 'window' }, 'story:create', { body: JSON.stringify(documentFromPlainText('Start.')) });
    if (!created.ok) throw new Error(created.error.message);
    const opened = await host.invoke({ origin: 'window' }, 'doc:open', { id: created.value.id });
    if (!opened.ok) throw new Error(opened.error.message);
    const update = windowAppends(replicaOf(opened.value.state), 'Typed in a window.');
    const saved = await host.invoke({ origin: 'window' }, 'doc:update', { id: created.value.id, update, origin: 'w1' });
    expect(saved).toEqual({ ok: true, value: { saved: true } });
    const change = events.find((event) => event.name === 'doc:update')?.payload as StoryDocUpdate | undefined;
    expect(change).toMatchObject({ storyId: created.value.id, origin: 'window:w1' });
    expect(Array.from(change?.update ?? [])).toEqual(Array.from(update));
  });
});
