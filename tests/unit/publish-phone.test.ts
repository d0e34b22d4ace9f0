/**
 * The published page's own stylesheet keeps a phone's page from widening and sets the credit,
 * byline and links apart (issue 13); a page with a long address in a caption and as a link is
 * still valid, inert HTML. Layout itself is measured in Chromium (tests/e2e/published-page.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { emptyPhotoNode } from '../../common/document.js';
import { PAGE_STYLESHEET, renderStory, type RenderInput } from '../../common/publish/renderStory.js';
import { expectInertPage, validationMessages } from '../helpers/publishedPage.js';

const LONG_URL = 'https://archive.example.org/photos/2026/11/24/lincoln-memorial-cleaning-volunteers-full-resolution-gallery.jpg';
const PHOTO_ID = 'ab'.repeat(32);
const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0, detail: 0, mode: 'normal', style: '' });
const p = (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });

function page(): string {
  const input: RenderInput = {
    story: {
      headline: 'Lincoln gets a wash',
      standfirst: '',
      byline: ['Ana Lima'],
      dateline: { place: 'WASHINGTON', date: '2026-11-24' },
      desk: '',
      language: 'en',
      body: '',
      status: 'approved',
      createdAt: '2026-11-24T08:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
    },
    document: {
      root: {
        type: 'root',
        version: 1,
        children: [
          p(text('The gallery is at '), { type: 'autolink', version: 1, url: LONG_URL, children: [text(LONG_URL)] }, text('.')),
          {
            ...emptyPhotoNode(PHOTO_ID, 2400, 1600),
            caption: `Volunteers scrub the statue. Pictures: ${LONG_URL}`,
            alt: 'The statue',
            credit: { photographers: ['Julie Doe'], agency: 'Mugwum Press', via: '', copyright: '', usageTerms: '' },
          },
        ],
      },
    },
    photos: { [PHOTO_ID]: { width: 2400, height: 1600, sources: [{ width: 800, url: `images/${PHOTO_ID.slice(0, 12)}-800.jpg` }] } },
    mode: 'publish',
    creditFormat: 'slash',
  };
  return renderStory(input);
}

describe('the published page on a phone', () => {
  it('lets long words and addresses break, puts the credit on its own line, keeps the byline in the body’s type, and styles links', () => {
    const rules = Object.fromEntries(PAGE_STYLESHEET.split('\n').map((rule) => [rule.slice(0, rule.indexOf('{')), rule.slice(rule.indexOf('{') + 1, -1)]));
    expect(rules.body).toContain('overflow-wrap:anywhere');
    expect(rules['.credit']).toContain('display:block');
    expect(rules['.byline,.published']).not.toMatch(/font(-family)?:[^;]*sans-serif/);
    expect(rules.a).toMatch(/color:#[0-9a-f]{6}/);
    expect(rules.a).toContain('text-underline-offset');
  });

  it('is still valid and inert with a long address in a caption and as a link', async () => {
    const html = page();
    expect(await validationMessages(html)).toEqual([]);
    await expectInertPage(html);
    expect(html).toContain(`<span class="credit">Julie Doe/Mugwum Press</span>`);
  });
});
