/**
 * The renderer must be safe on its own, for any document: these stories bypass the validator and
 * put every hostile payload in every field. Pages are checked by parsing them.
 */
import { describe, expect, it } from 'vitest';
import { emptyPhotoNode, isSafeUrl } from '../../common/document.js';
import { cleanText } from '../../common/publish/html.js';
import { newsArticleJsonLd, publishProblems, renderStory, type RenderInput } from '../../common/publish/renderStory.js';
import { typeset } from '../../common/publish/typography.js';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-payloads.js';
import { attr, decode, expectInertPage, pageElements, validationMessages } from '../helpers/publishedPage.js';

const text = (t: unknown, format: unknown = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: 'color:red' });
const block = (type: string, children: unknown, extra: Record<string, unknown> = {}) => ({ type, version: 1, direction: null, format: '', indent: 0, children, ...extra });
const docOf = (...children: unknown[]) => ({ root: block('root', children) });
const PHOTO_ID = '0f'.repeat(32);
const SOURCES = [400, 800].map((width) => ({ width, url: `images/${PHOTO_ID.slice(0, 12)}-${width}.jpg` }));

function hostileInput(payload: string, mode: RenderInput['mode']): RenderInput {
  const document = docOf(
    block('paragraph', [text(payload), text(payload, 1), text(payload, 16)]),
    block('paragraph', [text('See '), block('link', [text(payload)], { url: payload, rel: payload, target: payload, title: payload }), { type: 'linebreak', version: 1 }]),
    block('heading', [text(payload)], { tag: 'h2' }),
    block('quote', [text(payload, 2)]),
    block('list', [block('listitem', [text(payload)]), block('listitem', [block('autolink', [text(payload)], { url: payload })])], { listType: 'number', start: 2 }),
    {
      ...emptyPhotoNode(PHOTO_ID, 800, 600),
      alt: payload,
      caption: payload,
      credit: { photographers: [payload, 'Julie Doe'], agency: payload, via: payload, copyright: payload, usageTerms: payload },
      layout: 'wide',
    },
  );
  return {
    story: {
      headline: payload,
      standfirst: payload,
      byline: [payload, 'Ana Lima'],
      dateline: { place: payload, date: payload },
      desk: payload,
      language: 'en',
      body: '',
      status: 'approved',
      createdAt: payload,
      updatedAt: '2024-05-02T10:30:00.000Z',
    },
    document,
    photos: { [PHOTO_ID]: { width: 800, height: 600, sources: SOURCES } },
    mode,
    creditFormat: 'slash',
    publishedAt: '2024-05-02T11:00:00.000Z',
  };
}

/** What a reader should see of a field: the payload as text, whitespace collapsed, typeset. */
const shown = (payload: string) => typeset(cleanText(payload).replace(/\s+/gu, ' ').trim(), 'en');

describe('hostile payloads in every field', () => {
  it('has a corpus of at least 100 payloads', () => {
    expect(new Set(HOSTILE_PAYLOADS).size).toBeGreaterThanOrEqual(100);
  });

  it.each(HOSTILE_PAYLOADS.map((payload, i) => [i, payload] as const))('payload %i %j renders an inert, valid page', async (_, payload) => {
    for (const mode of ['publish', 'preview'] as const) {
      const input = hostileInput(payload, mode);
      const html = renderStory(input);
      expect(await validationMessages(html)).toEqual([]);
      const elements = await expectInertPage(html, { jsonLd: newsArticleJsonLd(input) });

      // The payload is shown as text, not dropped and not interpreted.
      const h1 = elements.find((e) => e.tag === 'h1');
      expect(decode(h1!.raw)).toBe(shown(payload) === '' ? 'Untitled story' : shown(payload));
      const caption = elements.find((e) => e.tag === 'figcaption');
      expect(decode(caption!.raw)).toContain('Julie Doe');

      // A link survives only if a reader could safely follow it.
      const links = elements.filter((e) => e.tag === 'a');
      const linkDropped = publishProblems(input).some((p) => p.code === 'link-dropped');
      if (isSafeUrl(payload) && shown(payload) !== '') {
        expect(links.length).toBeGreaterThanOrEqual(1);
        for (const a of links) expect(attr(a, 'rel')?.split(' ') ?? ['#']).toEqual(attr(a, 'href')!.startsWith('#') ? ['#'] : ['noopener', 'noreferrer']);
        expect(linkDropped).toBe(false);
      } else if (!isSafeUrl(payload)) {
        expect(links).toEqual([]);
        expect(linkDropped).toBe(true);
      }
      // Attributes the editor stored are never copied (target, title, rel from the document).
      for (const a of links) expect(a.attrs.map(([name]) => name)).toEqual(['href', 'rel'].slice(0, a.attrs.length));
    }
  });

  it('ignores hostile story fields it cannot use: language, dates, status', async () => {
    for (const payload of HOSTILE_PAYLOADS.slice(0, 40)) {
      const input = hostileInput(payload, 'publish');
      const html = renderStory({ ...input, publishedAt: payload, story: { ...input.story, language: payload, updatedAt: payload, status: payload } });
      expect(await validationMessages(html)).toEqual([]);
      const elements = await expectInertPage(html);
      expect(attr(elements[0]!, 'lang')).toBe('und');
      expect(elements.some((e) => e.tag === 'time')).toBe(false);
      // An unknown status is not approved: the page is a preview.
      expect(elements.some((e) => attr(e, 'class') === 'preview-notice')).toBe(true);
    }
  });

  it('drops photo sources that are not safe image addresses, and never reads the photo map’s prototype', async () => {
    for (const payload of HOSTILE_PAYLOADS) {
      const input = hostileInput(payload, 'publish');
      const html = renderStory({ ...input, photos: { [PHOTO_ID]: { width: 800, height: 600, sources: [{ width: 400, url: payload }, { width: 800, url: `${payload} 9000w, x` }] } } });
      expect(await validationMessages(html)).toEqual([]);
      // A caller's address may be odd (a web address, a relative file name) but never has another scheme.
      await expectInertPage(html, { imageSrc: /^(https?:\/\/\S+|[A-Za-z0-9._~%/-]+)$/ });
    }
    for (const photoId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const html = renderStory({ ...hostileInput('x', 'preview'), document: docOf(block('paragraph', [text('x')]), { ...emptyPhotoNode(photoId), alt: 'a', caption: 'c' }) });
      expect((await pageElements(html)).some((e) => e.tag === 'figure')).toBe(false);
    }
  });

  it.each([
    ['no document at all', null],
    ['a string', '<script>alert(1)</script>'],
    ['a root that is not an object', { root: '<script>' }],
    ['children that are not arrays', { root: block('root', { length: 1, 0: block('paragraph', [text('x')]) }) }],
    ['unknown and dangerous node types', docOf(block('script', [text('alert(1)')]), block('html', [text('<b>')]), block('iframe', [], { src: 'javascript:alert(1)' }), block('paragraph', [{ type: 'script', text: 'alert(1)' }, { type: 'image', src: 'x', onerror: 'alert(1)' }]))],
    ['odd field types', docOf(block('paragraph', [text(42), text(null), text({ toString: () => '<script>' }), text('fmt', -1), text('big', 2 ** 40), text('nan', Number.NaN)]), block('heading', [text('h')], { tag: 'script' }), block('heading', [text('h1')], { tag: 'h1' }), block('list', [block('listitem', [text('i')])], { listType: 'check', start: '1" onclick="x' }))],
    ['links with odd addresses', docOf(block('paragraph', [block('link', [text('a')], { url: 42 }), block('link', [text('b')], { url: null }), block('link', [text('c')], { url: ['javascript:alert(1)'] }), block('link', [], { url: 'https://example.org' }), block('link', [text('   ')], { url: 'https://example.org' })]))],
    ['lists nested far too deep', docOf(Array.from({ length: 2000 }).reduce<unknown>((inner) => block('list', [block('listitem', [text('deeper'), inner])], { listType: 'bullet' }), block('list', [block('listitem', [text('bottom')])], { listType: 'bullet' })))],
    ['photo nodes with odd fields', docOf({ type: 'photo', photoId: PHOTO_ID, alt: 7, caption: { a: 1 }, credit: 'Julie Doe', layout: '<script>' }, { type: 'photo', photoId: PHOTO_ID, credit: { photographers: 'not a list', agency: 3 } })],
  ])('renders %s safely', async (_, document) => {
    const input = { ...hostileInput('x', 'publish'), document };
    const html = renderStory(input);
    expect(await validationMessages(html)).toEqual([]);
    await expectInertPage(html, { jsonLd: newsArticleJsonLd(input) });
  });
});
