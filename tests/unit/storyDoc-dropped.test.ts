/**
 * The case Yjs gets wrong: text typed into a paragraph the other side deleted vanishes in the
 * merge. applyKeepingDropped reports it, whichever side the update comes from; knowing deletes
 * and ordinary merges report nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createTextNode, $getRoot, $isElementNode } from 'lexical';
import { documentFromPlainText, documentText } from '../../common/document.js';
import { applyKeepingDropped, editBody, readBody, writeBody } from '../../common/storyDoc/index.js';

function replicas(text: string): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  writeBody(a, documentFromPlainText(text));
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function edit(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  editBody(doc, change);
  return Y.encodeStateAsUpdate(doc, before);
}

const deleteParagraph = (index: number) => () => $getRoot().getChildAtIndex(index)?.remove();
const typeInto = (index: number, words: string) => () => {
  const block = $getRoot().getChildAtIndex(index);
  if ($isElementNode(block)) block.append($createTextNode(words));
};

describe('text dropped by a merge', () => {
  it('is reported when the words arrive at a doc that deleted their paragraph', () => {
    const [editor, reporter] = replicas('Keep this.\n\nCut this paragraph.\n\nKeep that.');
    edit(editor, deleteParagraph(1));
    const typed = edit(reporter, typeInto(1, ' The mayor resigned at noon.'));
    expect(applyKeepingDropped(editor, typed)).toEqual([{ side: 'incoming', text: 'The mayor resigned at noon.' }]);
    expect(documentText(readBody(editor))).toBe('Keep this.\nKeep that.');
  });

  it('is reported when the delete arrives at the doc where the words were typed', () => {
    const [editor, reporter] = replicas('Keep this.\n\nCut this paragraph.\n\nKeep that.');
    const cut = edit(editor, deleteParagraph(1));
    edit(reporter, typeInto(1, ' The mayor resigned at noon.'));
    expect(applyKeepingDropped(reporter, cut)).toEqual([{ side: 'local', text: 'The mayor resigned at noon.' }]);
  });

  it('reports nothing for a paragraph deleted by someone who saw all of it, nor for an ordinary merge', () => {
    const [editor, reporter] = replicas('One.\n\nTwo.\n\nThree.');
    const typed = edit(reporter, typeInto(1, ' Added.'));
    expect(applyKeepingDropped(editor, typed)).toEqual([]);
    const cut = edit(editor, deleteParagraph(1));
    expect(applyKeepingDropped(reporter, cut)).toEqual([]);
    const more = edit(reporter, typeInto(0, ' Also.'));
    const other = edit(editor, typeInto(1, ' Too.'));
    expect(applyKeepingDropped(editor, more)).toEqual([]);
    expect(applyKeepingDropped(reporter, other)).toEqual([]);
    expect(documentText(readBody(editor))).toBe(documentText(readBody(reporter)));
  });
});
