import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { emptyPhotoNode, parseStoryDocument, type PhotoNodeJSON } from '../../common/document.js';
import {
  newsArticleJsonLd,
  publishProblems,
  renderStory,
  type PhotoAsset,
  type RenderInput,
  type StoryForPublication,
} from '../../common/publish/renderStory.js';
import type { Story } from '../../common/story.js';
import { attr, decode, expectInertPage, pageElements, validationMessages, type PageElement } from '../helpers/publishedPage.js';

const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
const br = () => ({ type: 'linebreak', version: 1 });
const link = (url: string, children: unknown[], type = 'link') => ({ type, version: 1, direction: null, format: '', indent: 0, url, rel: null, target: null, title: null, children });
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, version: 1, direction: null, format: '', indent: 0, children, ...extra });
const p = (...children: unknown[]) => block('paragraph', children, { textFormat: 0, textStyle: '' });
const docOf = (...children: unknown[]) => ({ root: block('root', children) });

const PHOTO_ID = 'ab'.repeat(32);
const OTHER_ID = 'cd'.repeat(32);
const sources = (id: string, widths: number[]) => widths.map((width) => ({ width, url: `images/${id.slice(0, 12)}-${width}.jpg` }));
const ASSETS: Record<string, PhotoAsset> = {
  [PHOTO_ID]: { width: 2400, height: 1600, sources: sources(PHOTO_ID, [400, 800, 1200, 1600]) },
  [OTHER_ID]: { width: 1000, height: 1500, sources: sources(OTHER_ID, [400, 800, 1000]) },
};

function photo(over: Partial<PhotoNodeJSON> = {}): PhotoNodeJSON {
  return {
    ...emptyPhotoNode(PHOTO_ID, 2400, 1600),
    alt: 'A volunteer carries an elderly woman to a boat',
    caption: 'Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.',
    credit: { photographers: ['Julie Doe'], agency: 'Mugwum Press', via: '', copyright: '©2009 Julie Doe / Mugwum Press, all rights reserved', usageTerms: '' },
    ...over,
  };
}

function story(over: Partial<StoryForPublication> = {}): StoryForPublication {
  return {
    headline: 'Floodwaters cut off river villages as crews race the next storm',
    standfirst: 'About 2,000 people are stranded along the Pardo river after three days of rain.',
    byline: ['Marta Kowalczyk', 'Daniel Osei'],
    dateline: { place: 'SANTA CRUZ DO SUL, Brazil', date: '2024-05-02' },
    desk: 'World',
    language: 'en',
    body: '',
    status: 'approved',
    createdAt: '2024-05-02T06:00:00.000Z',
    updatedAt: '2024-05-02T10:30:00.000Z',
    ...over,
  };
}

function input(document: unknown, over: Partial<RenderInput> = {}): RenderInput {
  return { story: story(), document, photos: ASSETS, mode: 'publish', creditFormat: 'slash', publishedAt: '2024-05-02T11:00:00.000Z', ...over };
}

const FULL_BODY = docOf(
  p(text('The water came up through the floorboards first, then through the windows.')),
  p(),
  p(text('   ')),
  block('heading', [text("'Nobody expected it this fast'")], { tag: 'h2' }),
  p(text('"We heard the river before we saw it," said '), text('Lúcia Ferreira', 1), text(', 63. "Then it was '), text('everywhere', 3), text('."')),
  block('quote', [text('"We are moving people in the dark," he said.')]),
  block('heading', [text('Details')], { tag: 'h3' }),
  block('list', [
    block('listitem', [text('Schools and '), text('clinics', 2)], { value: 1 }),
    block('listitem', [], { value: 2 }),
    block('listitem', [block('list', [block('listitem', [text('nested bridge')], { value: 1 })], { listType: 'number', tag: 'ol', start: 3 })], { value: 3 }),
  ], { listType: 'bullet', tag: 'ul' }),
  p(
    text('Read '),
    link('https://example.org/report?a=1&b=2', [text('the report')]),
    text(', write to '),
    link('mailto:desk@example.org', [text('the desk')]),
    text(' or call '),
    link('tel:+1 555-0100', [text('+1 555-0100')]),
    br(),
    text('H'), text('2', 32), text('O and E = mc'), text('2', 64), text(', '), text('struck', 4), text(' '), text('under', 8), text(' '), text('npm i', 16),
  ),
  photo(),
  photo({ photoId: OTHER_ID, width: 1000, height: 1500, layout: 'wide', caption: '', credit: { photographers: [], agency: 'Handout', via: 'Reuters', copyright: '', usageTerms: '' } }),
  p(br(), text('Last words.'), br()),
);

const byTag = (elements: PageElement[], tag: string) => elements.filter((e) => e.tag === tag);
const textOf = (e: PageElement) => decode(e.raw);

describe('renderStory: the publish-ready page', () => {
  it('renders a complete, valid document with semantic body markup and nothing from the editor', async () => {
    const html = renderStory(input(FULL_BODY));
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html, { jsonLd: newsArticleJsonLd(input(FULL_BODY)) });

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Floodwaters cut off river villages as crews race the next storm</title>');
    expect(html).toContain('<meta name="description" content="About 2,000 people are stranded along the Pardo river after three days of rain.">');
    expect(html).toContain('<h1>Floodwaters cut off river villages as crews race the next storm</h1>');
    expect(html).toContain('<p class="standfirst">About 2,000 people are stranded along the Pardo river after three days of rain.</p>');
    expect(html).toContain('<p class="byline">By <span class="author">Marta Kowalczyk</span> and <span class="author">Daniel Osei</span></p>');
    expect(html).toContain('<p class="published"><time datetime="2024-05-02T11:00:00.000Z">May 2, 2024</time></p>');
    expect(html).toContain(
      '<p><span class="dateline">SANTA CRUZ DO SUL, Brazil, May 2 —</span> The water came up through the floorboards first, then through the windows.</p>',
    );
    expect(html).toContain('<h2>‘Nobody expected it this fast’</h2>');
    expect(html).toContain('<p>“We heard the river before we saw it,” said <strong>Lúcia Ferreira</strong>, 63. “Then it was <strong><em>everywhere</em></strong>.”</p>');
    expect(html).toContain('<blockquote>\n          <p>“We are moving people in the dark,” he said.</p>\n        </blockquote>');
    expect(html).toContain('<h3>Details</h3>');
    expect(html).toContain('<li>Schools and <em>clinics</em></li>');
    expect(html).toContain('<li>\n            <ol start="3">\n              <li>nested bridge</li>\n            </ol>\n          </li>');
    expect(html).toContain('<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer">the report</a>');
    expect(html).toContain('<a href="mailto:desk@example.org" rel="noopener noreferrer">the desk</a>');
    // A phone number never breaks across lines (non-breaking space and hyphen).
    expect(html).toContain('<a href="tel:+1 555-0100" rel="noopener noreferrer">+1\u00a0555\u20110100</a><br>');
    expect(html).toContain('H<sub>2</sub>O and E = mc<sup>2</sup>, <s>struck</s> <u>under</u> <code>npm i</code>');
    expect(html).toContain('<p>Last words.</p>');

    // The three empty paragraphs and the empty list item are gone; nothing is left empty.
    expect(byTag(elements, 'p').map(textOf)).not.toContain('');
    expect(byTag(elements, 'li')).toHaveLength(3);
    for (const e of elements) {
      if (!e.void && !['html', 'head', 'script', 'style'].includes(e.tag)) expect(e.element.textContent.trim(), `<${e.tag}> is empty`).not.toBe('');
    }
    // Only our own classes; no editor classes, ids or styles.
    const classes = new Set(elements.flatMap((e) => (attr(e, 'class') ?? '').split(' ').filter(Boolean)));
    expect([...classes].sort()).toEqual(['author', 'byline', 'credit', 'dateline', 'published', 'standfirst', 'wide']);
    expect(elements.some((e) => attr(e, 'id') !== undefined || attr(e, 'dir') !== undefined)).toBe(false);
    // A publish-ready page of an approved story carries no preview notice and may be indexed.
    expect(byTag(elements, 'meta').map((m) => attr(m, 'name'))).not.toContain('robots');
    expect(html.split('<body>')[1]).not.toContain('preview-notice');
    // The wide photo has no caption: the page still renders it, and says what is missing.
    expect(publishProblems(input(FULL_BODY))).toEqual([{ code: 'photo-incomplete', photo: 2, message: 'Photo 2 has no caption: fill it in before publishing' }]);
    expect(publishProblems(input(docOf(p(text('Ready.')), photo())))).toEqual([]);
  });

  it('renders photos as figures with responsive sources and the credit in its own element', () => {
    const html = renderStory(input(FULL_BODY));
    const id = PHOTO_ID.slice(0, 12);
    expect(html).toContain(
      `<figure>\n          <img src="images/${id}-1200.jpg" alt="A volunteer carries an elderly woman to a boat" width="1200" height="800" loading="lazy" decoding="async" ` +
        `srcset="images/${id}-400.jpg 400w, images/${id}-800.jpg 800w, images/${id}-1200.jpg 1200w, images/${id}-1600.jpg 1600w" sizes="(min-width: 42rem) 40rem, 100vw">\n` +
        '          <figcaption>Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday. <span class="credit">Julie Doe/Mugwum Press</span></figcaption>\n        </figure>',
    );
    // A wide photo with only a credit: portrait, 1000 px wide, credit "Handout via Reuters".
    const other = OTHER_ID.slice(0, 12);
    expect(html).toContain(`<figure class="wide">\n          <img src="images/${other}-1000.jpg" alt="A volunteer carries an elderly woman to a boat" width="1000" height="1500"`);
    expect(html).toContain('sizes="100vw">\n          <figcaption><span class="credit">Handout via Reuters</span></figcaption>');
  });

  it.each([
    ['slash', 'Julie Doe/Mugwum Press'],
    ['comma', 'Julie Doe, Mugwum Press'],
    ['photo-prefix', 'Photo: Julie Doe/Mugwum Press'],
  ] as const)('writes the credit in the house format (%s)', (creditFormat, credit) => {
    expect(renderStory(input(docOf(p(text('Body.')), photo()), { creditFormat }))).toContain(`<span class="credit">${credit}</span>`);
  });

  it('carries NewsArticle structured data with the article’s facts, in a fixed key order', async () => {
    const html = renderStory(input(FULL_BODY));
    const [script] = byTag(await pageElements(html), 'script');
    const expected = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Floodwaters cut off river villages as crews race the next storm',
      description: 'About 2,000 people are stranded along the Pardo river after three days of rain.',
      inLanguage: 'en',
      datePublished: '2024-05-02T11:00:00.000Z',
      dateModified: '2024-05-02T10:30:00.000Z',
      dateline: 'SANTA CRUZ DO SUL, Brazil, May 2',
      articleSection: 'World',
      author: [
        { '@type': 'Person', name: 'Marta Kowalczyk' },
        { '@type': 'Person', name: 'Daniel Osei' },
      ],
      image: [
        {
          '@type': 'ImageObject',
          contentUrl: `images/${PHOTO_ID.slice(0, 12)}-1600.jpg`,
          width: 1600,
          height: 1067,
          caption: 'Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.',
          creditText: 'Julie Doe/Mugwum Press',
          creator: [{ '@type': 'Person', name: 'Julie Doe' }],
          copyrightNotice: '©2009 Julie Doe / Mugwum Press, all rights reserved',
        },
        {
          '@type': 'ImageObject',
          contentUrl: `images/${OTHER_ID.slice(0, 12)}-1000.jpg`,
          width: 1000,
          height: 1500,
          creditText: 'Handout via Reuters',
          creator: [{ '@type': 'Organization', name: 'Handout' }],
        },
      ],
    };
    // Same value and the same key order, byte for byte.
    expect(script!.raw).toBe(JSON.stringify(expected));
    expect(newsArticleJsonLd(input(FULL_BODY))).toEqual(expected);
  });

  it('marks a preview visibly, keeps it out of search engines, and never writes a draft as publish-ready', async () => {
    for (const [mode, status] of [['preview', 'draft'], ['preview', 'approved'], ['publish', 'draft'], ['publish', 'in-edit'], ['publish', 'spiked']] as const) {
      const html = renderStory(input(FULL_BODY, { mode, story: story({ status }) }));
      expect(await validationMessages(html)).toEqual([]);
      const elements = await pageElements(html);
      const notice = elements.find((e) => attr(e, 'class') === 'preview-notice');
      expect(notice, `${mode} ${status}`).toBeDefined();
      expect(attr(notice!, 'role')).toBe('note');
      expect(textOf(notice!)).toBe(status === 'approved' ? 'Preview — not the published page' : 'Preview — not approved for publication');
      expect(byTag(elements, 'meta').some((m) => attr(m, 'name') === 'robots' && attr(m, 'content') === 'noindex')).toBe(true);
    }
    expect(renderStory(input(FULL_BODY, { story: story({ status: 'published' }) }))).not.toContain('noindex');
    // The notice is in English on a Ukrainian page, and says so.
    expect(renderStory(input(FULL_BODY, { mode: 'preview', story: story({ language: 'uk' }) }))).toContain('<p class="preview-notice" role="note" lang="en">');
  });

  it('lists what stops a story being published, in the order a reporter fixes it', () => {
    const document = docOf(
      p(),
      { ...emptyPhotoNode(''), caption: 'Waiting for the picture desk' },
      photo({ alt: '', caption: '' }),
      photo({ photoId: 'ef'.repeat(32) }),
      p(link('javascript:alert(1)', [text('click')])),
    );
    const problems = publishProblems(input(document, { story: story({ headline: '  ', status: 'filed' }) }));
    expect(problems.map((problem) => [problem.code, problem.photo])).toEqual([
      ['not-approved', undefined],
      ['no-headline', undefined],
      ['photo-placeholder', 1],
      ['photo-incomplete', 2],
      ['photo-missing', 3],
      ['link-dropped', undefined],
    ]);
    expect(problems[0]!.message).toBe('Story is "filed": an editor must approve it before it is published');
    expect(problems[3]!.message).toBe('Photo 2 has no caption, alt text: fill them in before publishing');
    expect(publishProblems(input(docOf(p()), { story: story() })).map((problem) => problem.code)).toEqual(['empty-body']);
  });

  it('leaves placeholders and photos missing from the store out of the page, and still validates', async () => {
    const html = renderStory(input(docOf(emptyPhotoNode(''), photo({ photoId: 'ef'.repeat(32) }), p(text('Only words.'))), { mode: 'preview' }));
    expect(await validationMessages(html)).toEqual([]);
    const elements = await pageElements(html);
    expect(byTag(elements, 'figure')).toEqual([]);
    expect(byTag(elements, 'img')).toEqual([]);
  });

  it('inlines a single-source photo without srcset and keeps data: URIs out of the structured data', async () => {
    const data = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2w==';
    const html = renderStory(input(docOf(p(text('x')), photo()), { photos: { [PHOTO_ID]: { width: 2400, height: 1600, sources: [{ width: 1200, url: data }] } } }));
    expect(await validationMessages(html)).toEqual([]);
    const [img] = byTag(await expectInertPage(html, { imageSrc: /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/ }), 'img');
    expect(attr(img!, 'src')).toBe(data);
    expect(attr(img!, 'srcset')).toBeUndefined();
    expect(attr(img!, 'sizes')).toBeUndefined();
    expect(newsArticleJsonLd(input(docOf(photo()), { photos: { [PHOTO_ID]: { width: 2400, height: 1600, sources: [{ width: 1200, url: data }] } } })).image).toEqual([
      expect.not.objectContaining({ contentUrl: expect.anything() }),
    ]);
  });

  it('keeps subheads in order under the headline (h3 straight after h1 becomes h2) so the outline never skips a level', async () => {
    const html = renderStory(input(docOf(block('heading', [text('First')], { tag: 'h3' }), p(text('a')), block('heading', [text('Second')], { tag: 'h3' }), block('heading', [text('Third')], { tag: 'h2' }), block('heading', [text('Fourth')], { tag: 'h3' }))));
    expect(await validationMessages(html)).toEqual([]);
    expect((await pageElements(html)).filter((e) => /^h\d$/.test(e.tag)).map((e) => `${e.tag} ${textOf(e)}`)).toEqual(['h1 Floodwaters cut off river villages as crews race the next storm', 'h2 First', 'h3 Second', 'h2 Third', 'h3 Fourth']);
  });

  it('fits a long headline into the title at a word boundary and keeps the whole headline on the page', async () => {
    const headline = 'Council approves late-night budget after nine-hour session that ran past midnight and ended weeks of wrangling over library closures';
    const html = renderStory(input(docOf(p(text('x'))), { story: story({ headline }) }));
    expect(await validationMessages(html)).toEqual([]);
    expect(html).toContain('<title>Council approves late-night budget after nine-hour session that ran…</title>');
    expect(html).toContain(`<h1>${headline}</h1>`);
  });

  it('renders a story without standfirst, byline, dateline or photos with none of their markup', async () => {
    const html = renderStory(input(docOf(p(text('Just one paragraph.'))), { story: story({ standfirst: '', byline: [], dateline: { place: '', date: '' }, desk: '' }) }));
    expect(await validationMessages(html)).toEqual([]);
    expect(html.split('<body>')[1]).not.toMatch(/standfirst|byline|dateline|<figure/);
    expect(html).not.toContain('name="description"');
    expect(html).toContain('<p>Just one paragraph.</p>');
  });

  it('puts the dateline in a paragraph of its own when the body has no paragraph', () => {
    expect(renderStory(input(docOf(block('heading', [text('Only a subhead')], { tag: 'h2' })), { story: story({ dateline: { place: 'KYIV', date: '' } }) }))).toContain(
      '<p><span class="dateline">KYIV —</span></p>',
    );
  });

  it.each([
    ['en', ['A', 'B', 'C'], 'By <span class="author">A</span>, <span class="author">B</span> and <span class="author">C</span>', 'KYIV, Nov. 24 —', 'Nov. 24, 2024'],
    ['uk', ['Олена Коваль', 'Ігор Бондар'], '<span class="author">Олена Коваль</span> і <span class="author">Ігор Бондар</span>', 'КИЇВ, 24 листопада —', '24 листопада 2024'],
    ['ru', ['Анна'], '<span class="author">Анна</span>', 'КИЕВ, 24 ноября —', '24 ноября 2024'],
  ])('writes byline, dateline and date in %s', (language, byline, bylineHtml, dateline, date) => {
    const place = dateline.split(',')[0]!;
    const html = renderStory(input(docOf(p(text('Текст.'))), { story: story({ language, byline, dateline: { place, date: '2024-11-24' } }), publishedAt: '2024-11-24T09:00:00+02:00' }));
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<p class="byline">${bylineHtml}</p>`);
    expect(html).toContain(`<span class="dateline">${dateline}</span>`);
    expect(html).toContain(`<time datetime="2024-11-24T09:00:00+02:00">${date}</time>`);
  });

  it.each([
    ['en', '“Nobody expected it,” she said of the ‘flood’. It’s 10–12 m — higher…', '“'],
    ['uk', '«Ніхто не чекав „такого“», — сказала вона. Це 10–12 м…', '«'],
    ['ru', '«Никто не ждал „такого“», — сказала она. Это 10–12 м…', '«'],
  ])('sets quotes and dashes for %s at render time, and leaves the stored text alone', (language, expected) => {
    const source = {
      en: ['"Nobody expected it," she said of the ', "'flood'", ". It's 10-12 m - higher..."],
      uk: ['"Ніхто не чекав ', '"такого"', '", - сказала вона. Це 10-12 м...'],
      ru: ['"Никто не ждал ', '"такого"', '", - сказала она. Это 10-12 м...'],
    }[language]!;
    const document = docOf(p(text(source[0]!), text(source[1]!, 2), text(source[2]!)));
    const stored = JSON.stringify(document);
    const html = renderStory(input(Object.freeze(document), { story: story({ language, headline: `"${language}"`, dateline: { place: '', date: '' } }) }));
    const paragraph = html.split('\n').find((line) => line.includes('10–12'))!;
    expect(paragraph.replace(/<\/?[a-z]+>/g, '').trim()).toBe(expected);
    expect(paragraph).toContain('<em>');
    expect(JSON.stringify(document)).toBe(stored);
    expect(html).toContain(`<h1>${{ en: '“en”', uk: '«uk»', ru: '«ru»' }[language]}</h1>`);
  });

  it('is deterministic: the same input gives the same bytes, whatever the clock or the order photos are listed in', () => {
    const first = renderStory(input(FULL_BODY));
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const reversed = Object.fromEntries(Object.entries(ASSETS).reverse());
    const second = renderStory(input(structuredClone(FULL_BODY), { photos: reversed }));
    expect(second).toBe(first);
  });

  it('takes a stored Story as it is', () => {
    expectTypeOf<Story>().toExtend<StoryForPublication>();
  });

  it('parses and validates story.body when no document is given', () => {
    const body = JSON.stringify(parseStoryDocument(docOf(p(text('From the store.')))));
    expect(renderStory({ ...input(undefined), document: undefined, story: story({ body }) })).toContain('<p><span class="dateline">SANTA CRUZ DO SUL, Brazil, May 2 —</span> From the store.</p>');
    expect(() => renderStory({ ...input(undefined), document: undefined, story: story({ body: '{"root":{"type":"script"}}' }) })).toThrow(/not a document Newsroom can store/);
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('link addresses the W3C validator accepts (issue 11)', () => {
  it('percent-encodes [ ] { } | ^ ` in a link’s path, query and fragment, keeping the address the same', async () => {
    const url = 'https://example.org/a[1]/b|c?q=[x]{y}|z^w`v&r=1#part[2]{3}|^';
    const html = renderStory(input(docOf(p(link(url, [text('the data')])))));
    const href = (await pageElements(html)).filter((e) => e.tag === 'a').map((e) => decode(attr(e, 'href') ?? ''))[0] ?? '';
    expect(href).toBe('https://example.org/a%5B1%5D/b%7Cc?q=%5Bx%5D%7By%7D%7Cz%5Ew%60v&r=1#part%5B2%5D%7B3%7D%7C%5E');
    expect(href).not.toMatch(/[[\]{}|^`]/);
    // Still the address the reporter linked, as a browser reads it.
    expect(decodeURI(new URL(href).href)).toBe(decodeURI(new URL(url).href).replace(/%60/g, '`'));
  });

  it('leaves an IPv6 host’s brackets as they are', async () => {
    const html = renderStory(input(docOf(p(link('http://[2001:db8::1]/x?a=[1]', [text('the router')])))));
    const href = (await pageElements(html)).filter((e) => e.tag === 'a').map((e) => decode(attr(e, 'href') ?? ''))[0];
    expect(href).toBe('http://[2001:db8::1]/x?a=%5B1%5D');
  });
});
