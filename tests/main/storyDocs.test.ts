import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openNewsroom } from '../../main/newsroom.js';
import { createStoryDocService } from '../../main/services/storyDocs.js';
import { createStoryStore } from '../../main/services/storyStore.js';
import { documentFromPlainText, documentText, parseStoryDocument } from '../../common/document.js';
import { readBody, writeBody } from '../../common/storyDoc/index.js';
import type { CallerContext } from '../../common/contract/index.js';
import { tempDataDir, removedAfterEach } from '../helpers/dataDir.js';

const cleanups = removedAfterEach();
const caller: CallerContext = { actor: null, origin: 'test' } as CallerContext;

function setup(compactAfterRows = 300) {
  const t = tempDataDir();
  const newsroom = openNewsroom(t.dir);
  cleanups.push(() => {
    newsroom.close();
    t.cleanup();
  });
  const store = createStoryStore(newsroom.db);
  const docs = createStoryDocService(newsroom.db, store, { batchMs: 1, deriveMs: 1, compactAfterRows });
  return { newsroom, store, docs };
}

/** A peer's edit: appends a paragraph to a copy of the engine's doc, and returns the update. */
function peerAppends(state: Uint8Array, words: string): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, state);
  const before = Y.encodeStateVector(peer);
  const body = readBody(peer);
  const next = parseStoryDocument({ root: { ...body.root, children: [...body.root.children, documentFromPlainText(words).root.children[0]] } });
  writeBody(peer, next);
  return Y.encodeStateAsUpdate(peer, before);
}

describe('story docs in the store', () => {
  it('converts a stored story once, checked both ways, and keeps its text', () => {
    const { store, docs } = setup();
    const story = store.create({ fields: { headline: 'Floods' }, body: JSON.stringify(documentFromPlainText('The river rose.')) });
    expect(docs.migrationOf(story.id)).toBeNull();
    expect(docs.convertAll()).toEqual({ checked: 1, mismatched: [] });
    expect(docs.migrationOf(story.id)).toBe('checked');
    expect(documentText(docs.body(story.id))).toBe('The river rose.');
    expect(docs.field(story.id, 'headline')).toEqual({ conflict: false, value: 'Floods' });
    // Run again (an interrupted run resuming): nothing left to convert.
    expect(docs.convertAll()).toEqual({ checked: 0, mismatched: [] });
  });

  it('has a change on disk when it is acknowledged, and derives the row from the doc', async () => {
    const { newsroom, store, docs } = setup();
    const story = store.create({ body: JSON.stringify(documentFromPlainText('First.')) });
    const update = peerAppends(docs.state(story.id).state, 'Second.');
    await docs.applyUpdate(story.id, update, caller);
    expect(docs.storedRows(story.id)).toBe(1);
    // Reopened from the rows alone, by a new service: the change is there.
    const again = createStoryDocService(newsroom.db, store);
    expect(documentText(again.body(story.id))).toBe('First.\nSecond.');
    docs.flush(story.id);
    expect(documentText(parseStoryDocument(store.get(story.id).body))).toBe('First.\nSecond.');
    expect(store.get(story.id).wordCount).toBe(2);
  });

  it('compacts the rows into the state when there are many, and on close, losing nothing', async () => {
    const { newsroom, store, docs } = setup(5);
    const story = store.create({ body: JSON.stringify(documentFromPlainText('Start.')) });
    for (let i = 0; i < 8; i += 1) await docs.applyUpdate(story.id, peerAppends(docs.state(story.id).state, `Line ${i}.`), caller);
    expect(docs.storedRows(story.id)).toBeLessThanOrEqual(5);
    docs.close(story.id);
    expect(docs.storedRows(story.id)).toBe(0);
    const again = createStoryDocService(newsroom.db, store);
    expect(documentText(again.body(story.id)).split('\n')).toHaveLength(9);
  });
});
