import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords, hasChanges } from '../../common/diff.js';

const render = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
  parts.filter((p) => p.op === 'equal' || p.op === (side === 'before' ? 'delete' : 'insert')).map((p) => p.text).join('');

describe('word-level diff', () => {
  it('marks inserted and deleted words inline', () => {
    expect(diffWords('The council voted on Tuesday.', 'The city council voted late on Wednesday.')).toEqual([
      { op: 'equal', text: 'The ' },
      { op: 'insert', text: 'city ' },
      { op: 'equal', text: 'council voted ' },
      { op: 'insert', text: 'late ' },
      { op: 'equal', text: 'on ' },
      { op: 'delete', text: 'Tuesday' },
      { op: 'insert', text: 'Wednesday' },
      { op: 'equal', text: '.' },
    ]);
    expect(hasChanges(diffWords('same text', 'same text'))).toBe(false);
    expect(diffWords('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ op: 'delete', text: 'old' }]);
  });

  it('always rebuilds both texts exactly', () => {
    const words = fc.array(fc.constantFrom('the', 'mayor', 'said', 'river', ',', '.', ' ', '\n', 'Київ', 'rose'), { maxLength: 40 });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const before = a.join(' ');
        const after = b.join(' ');
        const parts = diffWords(before, after);
        return render(parts, 'before') === before && render(parts, 'after') === after;
      }),
      { numRuns: 500 },
    );
  });
});
