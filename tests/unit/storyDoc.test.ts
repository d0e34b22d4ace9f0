import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $getRoot, $createTextNode, $isElementNode } from 'lexical';
import { parseStoryDocument, documentText, type StoryDocument } from '../../common/document.js';
import {
  STORY_DOC_LAYOUT,
  editBody,
  canonicalJSON,
  fieldConflicts,
  layoutOf,
  readBody,
  readField,
  writeBody,
  writeField,
} from '../../common/storyDoc/index.js';

const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type, version: 1, direction: null, format: '', indent: 0, children, ...extra,
});
const photo = {
  type: 'photo', version: 1, photoId: '', width: 1200, height: 800, alt: 'Flooded street', caption: 'Water rose overnight',
  credit: { photographers: ['Julie Doe'], agency: 'Mugwum Press', via: 'Reuters', copyright: '© 2026', usageTerms: 'Editorial only' },
  layout: 'wide', fromPhoto: ['caption', 'agency'],
};
const richBody = (): StoryDocument => parseStoryDocument({
  root: block('root', [
    block('paragraph', [text('The river rose '), text('fast', 1), text(' overnight.')], { textFormat: 0, textStyle: '' }),
    block('heading', [text('What the mayor said')], { tag: 'h2' }),
    block('quote', [text('Help is coming.')]),
    block('list', [block('listitem', [text('Sandbags')], { value: 1 }), block('listitem', [text('Boats')], { value: 2 })], { listType: 'bullet', start: 1, tag: 'ul' }),
    block('paragraph', [block('link', [text('More')], { url: 'https://example.org/floods', rel: null, target: null, title: null })], { textFormat: 0, textStyle: '' }),
    photo,
  ]),
});

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function appendToParagraph(doc: Y.Doc, index: number, words: string): void {
  editBody(doc, () => {
    const block = $getRoot().getChildAtIndex(index);
    if ($isElementNode(block)) block.append($createTextNode(words));
  });
}

describe('the story as a Y.Doc', () => {
  it('turns a stored body into a doc and back unchanged, the photo and its credit included', () => {
    const body = richBody();
    const doc = new Y.Doc();
    writeBody(doc, body);
    const back = readBody(doc);
    expect(canonicalJSON(back)).toBe(canonicalJSON(body));
    expect(parseStoryDocument(back)).toBeTruthy();
    expect(documentText(back)).toBe(documentText(body));
  });

  it('records its layout so a later layout can be recognised', () => {
    const doc = new Y.Doc();
    expect(layoutOf(doc)).toBeUndefined();
    writeBody(doc, richBody());
    expect(layoutOf(doc)).toBe(STORY_DOC_LAYOUT);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(layoutOf(copy)).toBe(1);
  });

  it('carries a photo whose data changed through an update to another replica', () => {
    const a = new Y.Doc();
    writeBody(a, richBody());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const changed = richBody();
    (changed.root.children[5] as typeof photo).caption = 'Water rose before dawn';
    writeBody(a, changed);
    exchange(a, b);
    const photoOnB = readBody(b).root.children[5] as typeof photo;
    expect(photoOnB.caption).toBe('Water rose before dawn');
    expect(photoOnB.credit.photographers).toEqual(['Julie Doe']);
  });

  it('merges body edits made apart on two replicas, both kept', () => {
    const a = new Y.Doc();
    writeBody(a, richBody());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    appendToParagraph(a, 0, ' Reporter wrote this.');
    appendToParagraph(b, 2, ' Editor added this.');
    exchange(a, b);
    const onA = documentText(readBody(a));
    expect(onA).toContain('Reporter wrote this.');
    expect(onA).toContain('Editor added this.');
    expect(canonicalJSON(readBody(b))).toBe(canonicalJSON(readBody(a)));
  });
});

describe('story fields in the doc', () => {
  it('keeps the last write and remembers what it replaced', () => {
    const doc = new Y.Doc();
    writeField(doc, 'headline', 'Floods hit villages', 'Ana');
    writeField(doc, 'headline', 'Floods hit river villages', 'Ana');
    expect(readField(doc, 'headline')).toEqual({ conflict: false, value: 'Floods hit river villages' });
    const writes = [...(doc.getMap('fields').get('headline') as Y.Map<{ was: unknown }>).values()];
    expect(writes).toHaveLength(1);
    expect(writes[0]!.was).toBe('Floods hit villages');
  });

  it('keeps both headlines, whole, when two people changed the same earlier one; a pick resolves it', () => {
    const a = new Y.Doc();
    writeField(a, 'headline', 'Floods hit villages', 'Ana');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeField(a, 'headline', 'Floods hit river villages', 'Ana');
    writeField(b, 'headline', 'Villages under water', 'Eve');
    writeField(b, 'desk', 'Metro', 'Eve');
    exchange(a, b);
    for (const doc of [a, b]) {
      const state = readField(doc, 'headline');
      expect(state.conflict).toBe(true);
      if (state.conflict) expect(state.values.map((write) => write.value).sort()).toEqual(['Floods hit river villages', 'Villages under water']);
      expect(fieldConflicts(doc)).toEqual(['headline']);
      expect(readField(doc, 'desk')).toEqual({ conflict: false, value: 'Metro' });
    }
    writeField(b, 'headline', 'Villages under water', 'Eve');
    exchange(a, b);
    expect(readField(a, 'headline')).toEqual({ conflict: false, value: 'Villages under water' });
    expect(fieldConflicts(a)).toEqual([]);
  });

  it('is no conflict when one side changed a field after seeing the other side’s change', () => {
    const a = new Y.Doc();
    writeField(a, 'byline', ['Ana Lima'], 'Ana');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeField(b, 'byline', ['Ana Lima', 'Tom Ruiz'], 'Eve');
    exchange(a, b);
    writeField(a, 'byline', ['Tom Ruiz'], 'Ana');
    exchange(a, b);
    expect(readField(b, 'byline')).toEqual({ conflict: false, value: ['Tom Ruiz'] });
  });
});

describe('rewriting the body', () => {
  it('replaces the old text rather than adding to it', () => {
    const doc = new Y.Doc();
    writeBody(doc, richBody());
    const shorter = parseStoryDocument({ root: block('root', [block('paragraph', [text('Only this.')], { textFormat: 0, textStyle: '' })]) });
    writeBody(doc, shorter);
    expect(canonicalJSON(readBody(doc))).toBe(canonicalJSON(shorter));
  });
});
