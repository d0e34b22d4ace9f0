import fc from 'fast-check';
import { describe, it } from 'vitest';
import { renderStory } from '../../common/publish/renderStory.js';
import { expectInertPage } from '../helpers/publishedPage.js';
import { FUZZ_RUNS } from './runs.js';

/**
 * Arbitrary documents straight into the renderer, past the validator: whatever reaches it, the
 * page has no script but the JSON-LD, no handler, no style and no unsafe URL.
 */
const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom('<script>alert(1)</script>', '"><svg onload=alert(1)>', 'javascript:alert(1)', ' jAvAsCrIpT:alert(1)', 'data:text/html,<script>', '</script><script>alert(1)</script>', '\u2028', '<!--', '&lt;script&gt;'),
);
const text = fc.record({ type: fc.constant('text'), version: fc.constant(1), text: hostile, format: fc.integer({ min: 0, max: 127 }), style: hostile });
const link = fc.record({ type: fc.constantFrom('link', 'autolink'), version: fc.constant(1), url: hostile, children: fc.array(text, { maxLength: 2 }) });
const inline = fc.oneof(text, link, fc.record({ type: fc.constantFrom('linebreak', 'script', 'image'), version: fc.constant(1), src: hostile }));
const photo = fc.record({
  type: fc.constant('photo'),
  version: fc.constant(1),
  photoId: fc.oneof(fc.constant('a'.repeat(64)), hostile),
  width: fc.integer({ min: -5, max: 5000 }),
  height: fc.integer({ min: -5, max: 5000 }),
  alt: hostile,
  caption: hostile,
  credit: fc.record({ photographers: fc.array(hostile, { maxLength: 2 }), agency: hostile, via: hostile, copyright: hostile, usageTerms: hostile }),
  layout: fc.constantFrom('column', 'wide', '"><script>'),
  fromPhoto: fc.constant([]),
});
const block = fc.oneof(
  fc.record({ type: fc.constantFrom('paragraph', 'quote', 'heading', 'iframe'), version: fc.constant(1), tag: fc.constantFrom('h2', 'h3', 'h1', 'script'), children: fc.array(inline, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('list'), version: fc.constant(1), listType: fc.constantFrom('bullet', 'number'), children: fc.array(fc.record({ type: fc.constant('listitem'), version: fc.constant(1), children: fc.array(inline, { maxLength: 2 }) }), { maxLength: 3 }) }),
  photo,
);
const story = fc.record({
  headline: hostile,
  standfirst: hostile,
  byline: fc.array(hostile, { maxLength: 3 }),
  dateline: fc.record({ place: hostile, date: fc.oneof(fc.constant('2026-11-24'), hostile) }),
  desk: hostile,
  language: fc.oneof(fc.constantFrom('en', 'uk', 'ru'), hostile),
  status: fc.constantFrom('approved', 'draft'),
  createdAt: fc.constant('2026-11-24T10:00:00.000Z'),
  updatedAt: fc.constant('2026-11-24T11:00:00.000Z'),
});

describe('the exporter under arbitrary documents', () => {
  it('never lets a script, handler, style or unsafe URL into the page', async () => {
    await fc.assert(
      fc.asyncProperty(story, fc.array(block, { maxLength: 6 }), async (fields, children) => {
        const html = renderStory({
          story: { ...fields, body: '' },
          document: { root: { type: 'root', version: 1, children } },
          photos: { ['a'.repeat(64)]: { width: 800, height: 600, sources: [{ width: 800, url: 'images/aaaaaaaaaaaa-800.jpg' }] } },
          mode: fields.status === 'approved' ? 'publish' : 'preview',
          creditFormat: 'slash',
          publishedAt: '2026-11-24T12:00:00.000Z',
        });
        await expectInertPage(html);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
