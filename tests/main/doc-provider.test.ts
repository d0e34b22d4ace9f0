/**
 * The window's side of a story doc, run headless: @lexical/yjs's binding over Newsroom's own
 * provider (renderer/editor/plugins/Collaboration/provider.ts), relayed to the real engine door
 * and its doc:update events, as two windows would be. The editor never seeds, every change is
 * on disk when `saved()` resolves, undo takes back only this window's own changes, and a photo's
 * data travels with the node.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createUndoManager } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode } from 'lexical';
import type { Channel, ChannelArg, ChannelResult, StoryDocUpdate } from '../../common/contract/index.js';
import { documentFromPlainText, documentText, parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { StoryPhotoNode, bindHeadless, emptyPhotoData, type BoundEditor } from '../../common/storyDoc/index.js';
import { invokeChannel } from '../../main/handlers.js';
import { NewsroomDocProvider, type DocTransport } from '../../renderer/editor/plugins/Collaboration/provider.js';
import { by, tempNewsroom, type TestNewsroom } from '../helpers/dataDir.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function call<C extends Channel>(newsroom: TestNewsroom, channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
  const answer = await invokeChannel(newsroom.door, { origin: 'window' }, channel, arg);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as ChannelResult<C>;
}

/** What main and the bridge give a window: the door's calls, and the engine's events. */
function transportTo(newsroom: TestNewsroom): DocTransport {
  return {
    open: (arg) => call(newsroom, 'doc:open', arg),
    update: (arg) => call(newsroom, 'doc:update', arg),
    onUpdate: (listener: (change: StoryDocUpdate) => void) => newsroom.storyDocs.onUpdate(listener),
  };
}

interface Window {
  provider: NewsroomDocProvider;
  bound: BoundEditor;
  undo: Y.UndoManager;
  text(): string;
}

async function openWindow(newsroom: TestNewsroom, storyId: string): Promise<Window> {
  const doc = new Y.Doc();
  const provider = new NewsroomDocProvider(storyId, doc, transportTo(newsroom));
  const bound = bindHeadless(doc, provider);
  const undo = createUndoManager(bound.binding, bound.binding.root.getSharedType());
  await provider.connect();
  cleanups.push(() => {
    provider.disconnect();
    bound.dispose();
  });
  return {
    provider,
    bound,
    undo,
    text: () => documentText(bound.editor.read(() => bound.editor.getEditorState().toJSON()) as unknown as StoryDocument),
  };
}

function typeParagraph(window: Window, words: string): void {
  window.bound.editor.update(
    () => {
      const paragraph = $createParagraphNode();
      paragraph.append($createTextNode(words));
      $getRoot().append(paragraph);
    },
    { discrete: true },
  );
}

function typeAtEndOf(window: Window, index: number, words: string): void {
  window.bound.editor.update(
    () => {
      const block = $getRoot().getChildAtIndex(index);
      if ($isElementNode(block)) block.append($createTextNode(words));
    },
    { discrete: true },
  );
}

function newsroomWithStory(text: string): { newsroom: TestNewsroom; storyId: string } {
  const newsroom = tempNewsroom();
  cleanups.push(() => newsroom.cleanup());
  const story = newsroom.stories.create({ fields: { headline: 'Floods' }, body: JSON.stringify(documentFromPlainText(text)) }, by(null));
  return { newsroom, storyId: story.id };
}

describe('a window bound to the engine’s doc', () => {
  it('shows the story as the engine seeded it, and opening it writes nothing', async () => {
    const { newsroom, storyId } = newsroomWithStory('The river rose.');
    const window = await openWindow(newsroom, storyId);
    expect(window.text()).toBe('The river rose.');
    await window.provider.saved();
    expect(newsroom.storyDocs.storedRows(storyId)).toBe(0);
    // A second window on the same story: the same text once, not seeded twice.
    const second = await openWindow(newsroom, storyId);
    expect(second.text()).toBe('The river rose.');
  });

  it('sends what is typed, on disk when saved() resolves, and another window sees it', async () => {
    const { newsroom, storyId } = newsroomWithStory('First.');
    const [mine, theirs] = [await openWindow(newsroom, storyId), await openWindow(newsroom, storyId)];
    typeParagraph(mine, 'Typed in my window.');
    expect(mine.provider.saveState().kind).toBe('saving');
    await mine.provider.saved();
    expect(mine.provider.saveState()).toEqual({ kind: 'saved' });
    expect(newsroom.storyDocs.storedRows(storyId)).toBeGreaterThan(0);
    expect(theirs.text()).toBe('First.\nTyped in my window.');
    typeAtEndOf(theirs, 0, ' They added this.');
    await theirs.provider.saved();
    expect(mine.text()).toBe('First. They added this.\nTyped in my window.');
    newsroom.storyDocs.flush(storyId);
    expect(documentText(parseStoryDocument(newsroom.stories.get(storyId).body))).toBe('First. They added this.\nTyped in my window.');
  });

  it('undoes only this window’s own change, never the other window’s', async () => {
    const { newsroom, storyId } = newsroomWithStory('Start.');
    const [mine, theirs] = [await openWindow(newsroom, storyId), await openWindow(newsroom, storyId)];
    typeAtEndOf(mine, 0, ' Mine.');
    await mine.provider.saved();
    typeParagraph(theirs, 'Theirs.');
    await theirs.provider.saved();
    expect(mine.text()).toBe('Start. Mine.\nTheirs.');
    mine.undo.undo();
    await mine.provider.saved();
    expect(mine.text()).toBe('Start.\nTheirs.');
    expect(theirs.text()).toBe('Start.\nTheirs.');
    mine.undo.redo();
    await mine.provider.saved();
    expect(theirs.text()).toBe('Start. Mine.\nTheirs.');
  });

  it('carries a photo’s caption and credit to the other window (data set in the constructor)', async () => {
    const { newsroom, storyId } = newsroomWithStory('Above the photo.');
    const [mine, theirs] = [await openWindow(newsroom, storyId), await openWindow(newsroom, storyId)];
    mine.bound.editor.update(
      () => {
        const photo = new StoryPhotoNode({
          ...emptyPhotoData(),
          width: 1200,
          height: 800,
          caption: 'Water rose overnight',
          credit: { photographers: ['Julie Doe'], agency: 'Mugwum Press', via: '', copyright: '', usageTerms: '' },
        });
        $getRoot().append(photo);
      },
      { discrete: true },
    );
    await mine.provider.saved();
    const onTheirs = theirs.bound.editor.read(() => theirs.bound.editor.getEditorState().toJSON()).root.children[1] as unknown as { caption: string; credit: { photographers: string[] } };
    expect(onTheirs.caption).toBe('Water rose overnight');
    expect(onTheirs.credit.photographers).toEqual(['Julie Doe']);
  });

  it('keeps a refused change to send again, and says why it is not saved', async () => {
    const { newsroom, storyId } = newsroomWithStory('Kept.');
    const transport = transportTo(newsroom);
    let refuse = true;
    const doc = new Y.Doc();
    const provider = new NewsroomDocProvider(storyId, doc, {
      ...transport,
      update: (arg) => (refuse ? Promise.reject(new Error('The story store stopped')) : transport.update(arg)),
    });
    const bound = bindHeadless(doc, provider);
    cleanups.push(() => bound.dispose());
    await provider.connect();
    bound.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Not lost.'))), { discrete: true });
    await expect(provider.saved()).rejects.toThrow('The story store stopped');
    expect(provider.saveState()).toEqual({ kind: 'failed', reason: 'The story store stopped' });
    refuse = false;
    await provider.saved();
    expect(documentText(newsroom.storyDocs.body(storyId))).toBe('Kept.\nNot lost.');
  });
});
