/**
 * The body block by block (common/document.ts documentBlocks) and compared block by block
 * (common/diff.ts diffBlocks), for the wide "changes since filed".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffBlocks, diffWords } from '../../common/diff.js';
import { documentBlocks, documentText, emptyPhotoNode, parseStoryDocument, type BlockKind } from '../../common/document.js';
import { FUZZ_RUNS } from '../fuzz/runs.js';

const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0 });
const item = (...children: unknown[]) => ({ type: 'listitem', version: 1, children });

describe('documentBlocks', () => {
  it('gives each block its kind, list items one by one, photos left out', () => {
    const doc = parseStoryDocument({
      root: {
        type: 'root',
        version: 1,
        children: [
          { type: 'heading', version: 1, tag: 'h2', children: [text('Subhead')] },
          { type: 'paragraph', version: 1, children: [text('One '), { type: 'linebreak', version: 1 }, text('two')] },
          emptyPhotoNode(''),
          { type: 'quote', version: 1, children: [text('Quoted')] },
          { type: 'list', version: 1, listType: 'number', children: [item(text('First')), item(text('Second'), { type: 'list', version: 1, listType: 'bullet', children: [item(text('Inner'))] })] },
          { type: 'heading', version: 1, tag: 'h3', children: [text('Small')] },
        ],
      },
    });
    expect(documentBlocks(doc)).toEqual([
      { kind: 'h2', text: 'Subhead' },
      { kind: 'paragraph', text: 'One \ntwo' },
      { kind: 'quote', text: 'Quoted' },
      { kind: 'number', text: 'First' },
      { kind: 'number', text: 'Second' },
      { kind: 'bullet', text: 'Inner' },
      { kind: 'h3', text: 'Small' },
    ]);
  });

  it('walks the body exactly as documentText does, whatever the body', () => {
    const inline = fc.oneof(fc.string().map(text), fc.constant({ type: 'linebreak', version: 1 }));
    const listItem = fc.array(inline, { maxLength: 3 }).map((children) => item(...children));
    const list = fc.record({ type: fc.constant('list'), version: fc.constant(1), listType: fc.constantFrom('bullet', 'number'), children: fc.array(listItem, { maxLength: 3 }) });
    const nestedItem = fc.tuple(fc.array(inline, { maxLength: 2 }), list).map(([own, nested]) => item(...own, nested));
    const block = fc.oneof(
      fc.record({ type: fc.constant('paragraph'), version: fc.constant(1), children: fc.array(inline, { maxLength: 4 }) }),
      fc.record({ type: fc.constant('heading'), version: fc.constant(1), tag: fc.constantFrom('h2', 'h3'), children: fc.array(inline, { maxLength: 3 }) }),
      fc.record({ type: fc.constant('quote'), version: fc.constant(1), children: fc.array(inline, { maxLength: 3 }) }),
      list,
      fc.record({ type: fc.constant('list'), version: fc.constant(1), listType: fc.constant('bullet'), children: fc.array(nestedItem, { maxLength: 2 }) }),
      fc.constant(emptyPhotoNode('')),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (children) => {
        const doc = parseStoryDocument({ root: { type: 'root', version: 1, children } });
        expect(documentBlocks(doc).map((b) => b.text).join('\n')).toBe(documentText(doc));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('diffBlocks', () => {
  const p = (t: string, kind: BlockKind = 'paragraph') => ({ kind, text: t });

  it('keeps unchanged blocks whole, pairs a changed one word by word, and marks blocks added or taken out', () => {
    const before = [p('The council met.'), p('It put off the vote.'), p('Old ending.'), p('Last words.')];
    const after = [p('The council met.'), p('It put off the ferry vote.'), p('Services', 'h3'), p('Last words.')];
    expect(diffBlocks(before, after)).toEqual([
      { kind: 'paragraph', change: 'equal', parts: [{ op: 'equal', text: 'The council met.' }] },
      { kind: 'paragraph', change: 'changed', parts: diffWords('It put off the vote.', 'It put off the ferry vote.') },
      { kind: 'h3', change: 'changed', parts: diffWords('Old ending.', 'Services') },
      { kind: 'paragraph', change: 'equal', parts: [{ op: 'equal', text: 'Last words.' }] },
    ]);
    expect(diffBlocks([p('A.')], [p('A.'), p('B.', 'h2')])).toEqual([
      { kind: 'paragraph', change: 'equal', parts: [{ op: 'equal', text: 'A.' }] },
      { kind: 'h2', change: 'insert', parts: [{ op: 'insert', text: 'B.' }] },
    ]);
    expect(diffBlocks([p('A.'), p('B.')], [p('B.')])).toEqual([
      { kind: 'paragraph', change: 'delete', parts: [{ op: 'delete', text: 'A.' }] },
      { kind: 'paragraph', change: 'equal', parts: [{ op: 'equal', text: 'B.' }] },
    ]);
  });

  it('gives back each side: the equal and deleted text is the old body, the equal and inserted the new', () => {
    const blocks = fc.array(fc.record({ kind: fc.constantFrom<BlockKind>('paragraph', 'h2', 'quote'), text: fc.constantFrom('a b', 'c d', 'a c', 'e', '') }), { maxLength: 8 });
    fc.assert(
      fc.property(blocks, blocks, (before, after) => {
        const diff = diffBlocks(before, after);
        const side = (keep: 'delete' | 'insert') =>
          diff.filter((b) => b.change !== (keep === 'delete' ? 'insert' : 'delete')).map((b) => b.parts.filter((part) => part.op === 'equal' || part.op === keep).map((part) => part.text).join(''));
        expect(side('delete')).toEqual(before.map((b) => b.text));
        expect(side('insert')).toEqual(after.map((b) => b.text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
