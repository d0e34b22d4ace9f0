import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentPhotos, documentText, isSafeUrl, parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { FUZZ_RUNS } from './runs.js';

/** Documents built from the editor's own node types, with hostile strings in every text slot. */
const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u2028\u2029', '{{constructor.constructor("x")()}}'),
);
const text = fc.record({ type: fc.constant('text'), version: fc.constant(1), text: hostileText, format: fc.integer({ min: 0, max: 2047 }), style: hostileText });
const link = fc.record({ type: fc.constant('link'), version: fc.constant(1), url: fc.oneof(fc.webUrl(), hostileText), children: fc.array(text, { maxLength: 3 }) });
const inline = fc.oneof(text, link, fc.constant({ type: 'linebreak', version: 1 }));
const block = fc.oneof(
  fc.record({ type: fc.constant('paragraph'), version: fc.constant(1), children: fc.array(inline, { maxLength: 5 }) }),
  fc.record({ type: fc.constant('heading'), version: fc.constant(1), tag: fc.constantFrom('h2', 'h3', 'h1', 'h6'), children: fc.array(inline, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('quote'), version: fc.constant(1), children: fc.array(inline, { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('list'),
    version: fc.constant(1),
    listType: fc.constantFrom('bullet', 'number', 'check'),
    children: fc.array(fc.record({ type: fc.constant('listitem'), version: fc.constant(1), children: fc.array(inline, { maxLength: 3 }) }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constantFrom('script', 'iframe', 'image', 'html'), version: fc.constant(1), children: fc.constant([]) }),
);
const documentish = fc.record({ root: fc.record({ type: fc.constant('root'), version: fc.constant(1), children: fc.array(block, { maxLength: 8 }) }) });

function accepted(value: unknown) {
  try {
    return parseStoryDocument(value);
  } catch (error) {
    expect(error).toBeInstanceOf(NewsroomError);
    return null;
  }
}

describe('the story document validator under arbitrary input', () => {
  it('refuses arbitrary JSON with a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        accepted(value);
        accepted(JSON.stringify(value));
      }),
      { numRuns: FUZZ_RUNS * 10 },
    );
  });

  it('accepts editor documents only when every node is allowed, every link safe and every style gone', () => {
    let acceptedCount = 0;
    fc.assert(
      fc.property(documentish, (candidate) => {
        const parsed = accepted(candidate);
        if (parsed === null) return;
        acceptedCount += 1;
        const json = JSON.stringify(parsed);
        const walk = (node: Record<string, unknown>): void => {
          expect(['root', 'paragraph', 'heading', 'quote', 'list', 'listitem', 'text', 'link', 'autolink', 'linebreak', 'tab', 'photo']).toContain(node.type);
          if (node.type === 'heading') expect(['h2', 'h3']).toContain(node.tag);
          if (node.type === 'link') expect(isSafeUrl(node.url as string)).toBe(true);
          if ('style' in node) expect(node.style).toBe('');
          for (const child of (node.children as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk(JSON.parse(json).root);
        expect(typeof documentText(parsed)).toBe('string');
        expect(documentPhotos(parsed)).toEqual([]);
        // Normal form: validating again changes nothing.
        expect(JSON.stringify(parseStoryDocument(json))).toBe(json);
      }),
      { numRuns: FUZZ_RUNS * 5 },
    );
    // The property must have been tried on documents that passed, not only on refused ones.
    expect(acceptedCount).toBeGreaterThan(FUZZ_RUNS / 10);
  });
});
