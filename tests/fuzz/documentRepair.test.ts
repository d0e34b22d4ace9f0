import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { MAX_LIST_LEVELS, repairStoryDocument, repairStoryNodes } from '../../common/documentRepair.js';
import { FUZZ_RUNS } from './runs.js';

const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
const el = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, version: 1, direction: null, format: '', indent: 0, children, ...extra });
const docOf = (...children: unknown[]) => ({ root: el('root', children) });

/** Every word of a tree, in order, without the spaces and line breaks between them. */
function wordsOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return '';
  const node = value as Record<string, unknown>;
  if (node.type === 'photo') return typeof node.caption === 'string' ? node.caption : '';
  if (typeof node.text === 'string') return node.text;
  const children = Array.isArray(node.children) ? node.children : node.root ? [node.root] : [];
  return children.map(wordsOf).join('');
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Any tree of the node types Lexical, a paste or a crafted clipboard can hold, nested any way. */
const word = fc.oneof(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'Ünïcødé'));
const leaf = fc.oneof(
  fc.record({ type: fc.constant('text'), version: fc.integer({ min: -1, max: 200 }), text: word, format: fc.integer({ min: -5, max: 100_000 }), style: fc.string() }),
  fc.constant({ type: 'linebreak', version: 1 }),
  fc.constant({ type: 'tab', version: 1, text: '\t' }),
  fc.record({ type: fc.constantFrom('hashtag', 'code-highlight', 'mark'), text: word }),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('element')),
  element: fc.record({
    type: fc.constantFrom('paragraph', 'heading', 'quote', 'list', 'listitem', 'link', 'autolink', 'root', 'table', 'code', 'image'),
    version: fc.integer({ min: 0, max: 101 }),
    tag: fc.constantFrom('h1', 'h2', 'h3', 'h5', 'p', undefined),
    listType: fc.constantFrom('bullet', 'number', 'check', 'nope'),
    url: fc.constantFrom('https://example.org/a', 'javascript:alert(1)', ' mailto:desk@example.org', 'data:text/html,x'),
    indent: fc.integer({ min: -3, max: 40 }),
    direction: fc.constantFrom('ltr', 'rtl', null, 'up'),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
}));

describe('repairing any body into what the store accepts', () => {
  it('makes a storable document of any generated tree, keeping every word in order', () => {
    fc.assert(
      fc.property(fc.array(tree.node, { maxLength: 6 }), (children) => {
        const input = docOf(...children);
        const repaired = repairStoryDocument(input);
        const stored = parseStoryDocument(JSON.stringify(repaired));
        expect(squeeze(documentText(stored))).toBe(squeeze(wordsOf(input)));
        // Repairing twice changes nothing more.
        expect(repairStoryDocument(repaired)).toEqual(repaired);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('makes storable blocks of any pasted fragment', () => {
    fc.assert(
      fc.property(fc.array(tree.node, { minLength: 1, maxLength: 6 }), (nodes) => {
        const repaired = repairStoryNodes(nodes);
        const holder = repaired.every((n) => ['text', 'linebreak', 'tab', 'link', 'autolink'].includes(String(n.type))) ? [el('paragraph', repaired)] : repaired;
        const stored = parseStoryDocument(JSON.stringify(docOf(...holder)));
        expect(squeeze(documentText(stored))).toBe(squeeze(nodes.map(wordsOf).join('')));
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
  });

  it('keeps a subhead holding a paragraph as a subhead (<h3><span><p>x</p></span></h3>)', () => {
    const doc = repairStoryDocument(docOf(el('paragraph', [text('before')]), el('heading', [el('paragraph', [text('x')])], { tag: 'h3' })));
    expect(doc.root.children.map((b) => [b.type, 'tag' in b ? b.tag : undefined])).toEqual([['paragraph', undefined], ['heading', 'h3']]);
    expect(documentText(doc)).toBe('before\nx');
  });

  it('splits a subhead at the list inside it (<h2><b><ul>…) and joins blocks inside a list item to its text (<li><b><h2>…)', () => {
    const doc = repairStoryDocument(
      docOf(
        el('heading', [text('Timeline', 1), el('list', [el('listitem', [text('Monday')])], { listType: 'bullet' })], { tag: 'h2' }),
        el('list', [el('listitem', [text('one '), el('heading', [text('two', 1)], { tag: 'h2' })])], { listType: 'number' }),
      ),
    );
    expect(doc.root.children.map((b) => b.type)).toEqual(['heading', 'list', 'list']);
    expect(documentText(doc)).toBe('Timeline\nMonday\none \ntwo');
    expect(JSON.stringify(doc.root.children[2])).toContain('"format":1');
  });

  it('keeps unsafe links as text and never nests a link in a link', () => {
    const doc = repairStoryDocument(
      docOf(el('paragraph', [el('link', [text('bad')], { url: 'javascript:alert(1)' }), el('link', [el('link', [text('inner')], { url: 'https://b.example/' })], { url: 'https://a.example/' })])),
    );
    expect(JSON.stringify(doc)).not.toContain('javascript');
    expect(JSON.stringify(doc)).not.toContain('b.example');
    expect(documentText(doc)).toBe('badinner');
  });

  it(`flattens lists nested deeper than ${MAX_LIST_LEVELS} levels into their parent item, words kept`, () => {
    let list: unknown = el('list', [el('listitem', [text('deepest')])], { listType: 'bullet' });
    for (let level = 0; level < 40; level += 1) list = el('list', [el('listitem', [text(`level${level}`), list])], { listType: 'bullet' });
    const doc = repairStoryDocument(docOf(list));
    const stored = parseStoryDocument(JSON.stringify(doc));
    expect(squeeze(documentText(stored))).toBe(squeeze(wordsOf(list)));
  });

  it('reads 100,000 nested elements without overflowing the stack', () => {
    let node: unknown = text('core');
    for (let i = 0; i < 100_000; i += 1) node = el(i % 2 === 0 ? 'heading' : 'list', [node], { tag: 'h2' });
    const doc = repairStoryDocument(docOf(node));
    expect(documentText(parseStoryDocument(JSON.stringify(doc)))).toBe('core');
  });
});
