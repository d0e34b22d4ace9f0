import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { emptyPhotoNode, paragraph, parseStoryDocument, type PhotoNodeJSON, type StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import type { PhotoCredit } from '../../common/photo.js';
import type { StoryForPublication } from '../../common/publish/renderStory.js';
import { createExportService, exportWidths, toExifAscii, type ExportResult } from '../../main/services/export.js';
import { tempDataDir, tempNewsroom, removedAfterEach } from '../helpers/dataDir.js';
import { FIXTURE_ARTICLES, fixturePhoto } from '../helpers/fixtures.js';
import { attr, decode, expectInertPage, validationMessages, type PageElement } from '../helpers/publishedPage.js';

const cleanups = removedAfterEach();

function setup() {
  const newsroom = tempNewsroom();
  cleanups.push(newsroom.cleanup);
  const out = tempDataDir('newsroom-export-');
  cleanups.push(out.cleanup);
  return { newsroom, outDir: out.dir, exports: createExportService(newsroom.media, newsroom.dataDir) };
}

type Block = StoryDocument['root']['children'][number];
const textNode = (text: string, format = 0) => ({ type: 'text' as const, version: 1, text, format, detail: 0, mode: 'normal' as const, style: '' });
const block = <T extends string>(type: T, children: unknown[], extra: Record<string, unknown> = {}) =>
  ({ type, version: 1, direction: null, format: '', indent: 0, children, ...extra }) as unknown as Block;

function photoNode(photoId: string, caption: string, credit: Partial<PhotoCredit>, alt: string): PhotoNodeJSON {
  return { ...emptyPhotoNode(photoId), caption, alt, credit: { photographers: [], agency: '', via: '', copyright: '', usageTerms: '', ...credit } };
}

interface SampleStory extends StoryForPublication {
  slug: string;
}

function sampleStory(fields: Partial<SampleStory>, blocks: Block[]): SampleStory {
  const document = parseStoryDocument({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: blocks } });
  return {
    headline: '',
    standfirst: '',
    byline: [],
    dateline: { place: '', date: '' },
    desk: 'News',
    language: 'en',
    status: 'approved',
    createdAt: '2024-05-02T06:00:00.000Z',
    updatedAt: '2024-05-02T10:30:00.000Z',
    slug: 'story',
    ...fields,
    body: JSON.stringify(document),
  };
}

/**
 * river-villages.txt as a reporter filed it, turned into a story by hand (the importer is someone
 * else's work): headline, byline and dateline lines become fields, the quoted line a subhead, the
 * caption with its glued-on credit a photo, and the web boilerplate is dropped.
 */
function riverVillages(photoId: string): SampleStory {
  const blocks = fs.readFileSync(path.join(FIXTURE_ARTICLES, 'river-villages.txt'), 'utf8').split(/\n\s*\n/).map((b) => b.trim());
  const [headline, byline, lead, ...rest] = blocks as [string, string, string, ...string[]];
  const [place, first] = lead.split(' — ') as [string, string];
  const body: Block[] = [paragraph(first)];
  for (const text of rest) {
    if (text.startsWith('Read more') || text.startsWith('Share this')) break;
    if (text.startsWith('‘') && text.endsWith('’')) body.push(block('heading', [textNode(text.slice(1, -1))], { tag: 'h2' }));
    else if (/\.[A-Z][a-z]+ [A-Z][a-z]+\/\S/.test(text)) {
      const [, caption, name, agency] = /^(.*\.)([^./]+)\/(.+)$/.exec(text)!;
      body.push(photoNode(photoId, caption!, { photographers: [name!], agency: agency! }, 'Volunteers carry an elderly woman through floodwater to a boat'));
    } else body.push(paragraph(text));
  }
  return sampleStory(
    {
      headline,
      standfirst: 'About 2,000 people are stranded along the Pardo river after three days of rain.',
      byline: byline.replace(/^By /, '').split(' and '),
      dateline: { place, date: '2024-05-02' },
      desk: 'World',
      slug: 'floodwaters-cut-off-river-villages',
    },
    body,
  );
}

/** council-budget.md, Markdown turned into blocks by hand: subhead, list, quote and the photo with its credit in the title. */
function councilBudget(photoId: string): SampleStory {
  const blocks = fs.readFileSync(path.join(FIXTURE_ARTICLES, 'council-budget.md'), 'utf8').split(/\n\s*\n/).map((b) => b.trim());
  const [heading, byline, lead, ...rest] = blocks as [string, string, string, ...string[]];
  const [place, first] = lead.split(' — ') as [string, string];
  const body: Block[] = [paragraph(first)];
  for (const text of rest) {
    if (text.startsWith('## ')) body.push(block('heading', [textNode(text.slice(3))], { tag: 'h2' }));
    else if (text.startsWith('- ')) body.push(block('list', text.split('\n').map((line, i) => block('listitem', [textNode(line.slice(2))], { value: i + 1 })), { listType: 'bullet', tag: 'ul' }));
    else if (text.startsWith('> ')) body.push(block('quote', [textNode(text.slice(2))]));
    else if (text.startsWith('![')) {
      const [, caption, credit] = /^!\[(.*)\]\(\S+ "Photo: (.*)"\)$/.exec(text)!;
      const [name, agency] = credit!.split('/') as [string, string];
      body.push(photoNode(photoId, caption!, { photographers: [name], agency, copyright: '©2024 Yorkshire Post' }, 'Councillors raise their hands in the council chamber'));
    } else body.push(paragraph(text));
  }
  return sampleStory(
    {
      headline: heading.replace(/^# /, ''),
      standfirst: 'Four branch libraries close and council tax rises by 4.99 per cent.',
      byline: [byline.replace(/^\*\*By (.*)\*\*$/, '$1')],
      dateline: { place, date: '2024-03-06' },
      desk: 'Local',
      slug: 'council-approves-late-night-budget',
    },
    body,
  );
}

const IPTC = {
  agency: 'iptc-agency-photographer-example.jpg',
  staff: 'iptc-staff-photographer-example.jpg',
  independent: 'iptc-independent-photographer-example.jpg',
} as const;

async function importFixture(newsroom: ReturnType<typeof setup>['newsroom'], name: string) {
  return newsroom.media.importPhoto(name, fs.readFileSync(fixturePhoto(name)));
}

/** A story showing the three IPTC reference photos, each with the credit its own metadata pre-filled. */
async function threePhotoStory(newsroom: ReturnType<typeof setup>['newsroom']): Promise<SampleStory> {
  const nodes: PhotoNodeJSON[] = [];
  for (const name of Object.values(IPTC)) {
    const { node } = await importFixture(newsroom, name);
    nodes.push({ ...node, alt: `Reference photo ${name}` });
  }
  return sampleStory({ headline: 'Three photos, three credits', slug: 'three-photos', byline: ['Ana Lima'] }, [paragraph('The picture desk checks every credit.'), ...nodes]);
}

const byTag = (elements: PageElement[], tag: string) => elements.filter((e) => e.tag === tag);
const read = (file: string) => fs.readFileSync(file);

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : [];
}

describe('exporting a publish-ready story', () => {
  it('exports river-villages.txt as a valid, inert page with its photo in every size', async () => {
    const { newsroom, outDir, exports } = setup();
    const { photo } = await importFixture(newsroom, IPTC.agency);
    const story = riverVillages(photo.id);
    const result = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash', publishedAt: '2024-05-02T11:00:00Z' });

    const dir = path.join(outDir, 'floodwaters-cut-off-river-villages');
    const id = photo.id.slice(0, 12);
    expect(result.page).toBe(path.join(dir, 'index.html'));
    expect(result.files.map((f) => [path.relative(outDir, f.path), f.kind])).toEqual([
      ['floodwaters-cut-off-river-villages/index.html', 'page'],
      [`floodwaters-cut-off-river-villages/images/${id}-400.jpg`, 'image'],
      [`floodwaters-cut-off-river-villages/images/${id}-527.jpg`, 'image'],
    ]);
    for (const file of result.files) expect(file.bytes).toBe(fs.statSync(file.path).size);
    expect(filesUnder(dir)).toEqual(['images/' + `${id}-400.jpg`, 'images/' + `${id}-527.jpg`, 'index.html'].map((f) => f.split('/').join(path.sep)).sort());
    expect(result.problems).toEqual([]);

    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html);
    expect(html).toContain('<h1>Floodwaters cut off river villages as crews race the next storm</h1>');
    expect(html).toContain('<p class="byline">By <span class="author">Marta Kowalczyk</span> and <span class="author">Daniel Osei</span></p>');
    expect(html).toContain('<p><span class="dateline">SANTA CRUZ DO SUL, Brazil, May 2 —</span> The water came up through the floorboards first');
    expect(html).toContain('<h2>Nobody expected it this fast</h2>');
    // Quotes as filed («…») stay; straight ones become curly; the doubled space is collapsed by HTML anyway.
    expect(html).toContain('<p>«We heard the river before we saw it», said Lúcia Ferreira');
    expect(html).toContain('<p>“Nobody expected it this fast,” said Rafael Nunes');
    expect(html).not.toContain('Read more');
    expect(html).toContain(
      `<img src="images/${id}-527.jpg" alt="Volunteers carry an elderly woman through floodwater to a boat" width="527" height="350" loading="lazy" decoding="async" srcset="images/${id}-400.jpg 400w, images/${id}-527.jpg 527w" sizes="(min-width: 42rem) 40rem, 100vw">`,
    );
    expect(html).toContain('<figcaption>Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday. <span class="credit">Carlos Mendes/Agência Sul</span></figcaption>');

    const jsonLd = JSON.parse(byTag(elements, 'script')[0]!.raw) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Floodwaters cut off river villages as crews race the next storm',
      description: 'About 2,000 people are stranded along the Pardo river after three days of rain.',
      datePublished: '2024-05-02T11:00:00Z',
      dateModified: '2024-05-02T10:30:00.000Z',
      author: [
        { '@type': 'Person', name: 'Marta Kowalczyk' },
        { '@type': 'Person', name: 'Daniel Osei' },
      ],
      image: [
        {
          '@type': 'ImageObject',
          contentUrl: `images/${id}-527.jpg`,
          width: 527,
          height: 350,
          caption: 'Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.',
          creditText: 'Carlos Mendes/Agência Sul',
          creator: [{ '@type': 'Person', name: 'Carlos Mendes' }],
        },
      ],
    });

    // The copies are real JPEGs of the sizes named, with the credit in EXIF and nothing else from the camera.
    for (const [file, width] of [[`${id}-400.jpg`, 400], [`${id}-527.jpg`, 527]] as const) {
      const bytes = read(path.join(dir, 'images', file));
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width]).toEqual(['jpeg', width]);
      expect(meta.iptc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      const exif = await exifr.parse(bytes, { tiff: true, exif: true, gps: true, iptc: true, xmp: true });
      expect(exif.Artist).toBe('Carlos Mendes');
      expect(exif.latitude).toBeUndefined();
      expect(exif.GPSLatitude).toBeUndefined();
      expect(exif.Make).toBeUndefined();
      expect(exif.Model).toBeUndefined();
    }
  });

  it('exports council-budget.md with its subhead, list, quote and photo', async () => {
    const { newsroom, outDir, exports } = setup();
    const { photo } = await importFixture(newsroom, IPTC.staff);
    const result = await exports.exportStory({ story: councilBudget(photo.id), outDir, mode: 'publish', creditFormat: 'photo-prefix' });
    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    await expectInertPage(html);
    expect(html).toContain('<title>Council approves late-night budget after 9-hour session</title>');
    expect(html).toContain('<p class="byline">By <span class="author">Priya Raman</span></p>');
    expect(html).toContain('<span class="dateline">LEEDS, England, March 6 —</span> City councillors approved a £1.2bn budget');
    expect(html).toContain('<h2>What changes for residents</h2>');
    expect(html).toContain('<li>Four branch libraries close; two move into community centres.</li>');
    expect(html).toContain('<blockquote>\n          <p>“Closing libraries is a choice, not a necessity,” said opposition leader Aisha Khan.</p>\n        </blockquote>');
    expect(html).toContain('<p>“We have had to make choices nobody wanted to make,” said council leader Tom Hartley. “But the books balance, and they balance honestly.”</p>');
    expect(html).toContain('<span class="credit">Photo: Sam Whitaker/Yorkshire Post</span>');
    const exif = await exifr.parse(read(result.files[1]!.path), { tiff: true });
    expect([exif.Artist, exif.Copyright]).toEqual(['Sam Whitaker', '(c)2024 Yorkshire Post']);
  });

  it('credits the three IPTC reference photos as their metadata says, in figure, EXIF and JSON-LD', async () => {
    const { newsroom, outDir, exports } = setup();
    const story = await threePhotoStory(newsroom);
    const result = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash' });
    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html);

    const figures = byTag(elements, 'figure');
    expect(figures).toHaveLength(3);
    const credits = elements.filter((e) => attr(e, 'class') === 'credit').map((e) => decode(e.raw));
    expect(credits).toEqual(['Julie Doe/Mugwum Press', 'John Doe/Big Newspaper', 'David Riecks']);
    for (const figure of figures) {
      const [img, caption] = figure.element.childElements;
      expect(img!.tagName).toBe('img');
      expect(caption!.tagName).toBe('figcaption');
      expect(caption!.childElements.map((c) => [c.tagName, c.getAttribute('class')?.value])).toEqual([['span', 'credit']]);
    }

    const jsonLd = JSON.parse(byTag(elements, 'script')[0]!.raw) as { image: Record<string, unknown>[] };
    expect(jsonLd.image.map((i) => [i.creditText, i.creator, i.copyrightNotice])).toEqual([
      ['Julie Doe/Mugwum Press', [{ '@type': 'Person', name: 'Julie Doe' }], '©2009 Julie Doe / Mugwum Press, all rights reserved'],
      ['John Doe/Big Newspaper', [{ '@type': 'Person', name: 'John Doe' }], '©2010 Big Newspaper, all rights reserved'],
      ['David Riecks', [{ '@type': 'Person', name: 'David Riecks' }], '©1985 David Riecks, All Rights Reserved'],
    ]);
    for (const image of jsonLd.image) expect(String(image.caption).length).toBeGreaterThan(20);

    const artists = [];
    for (const file of result.files.filter((f) => f.kind === 'image')) {
      const exif = await exifr.parse(read(file.path), { tiff: true, gps: true });
      artists.push(`${exif.Artist} | ${exif.Copyright}`);
      expect(exif.latitude).toBeUndefined();
    }
    expect([...new Set(artists)]).toEqual([
      'Julie Doe | (c)2009 Julie Doe / Mugwum Press, all rights reserved',
      'John Doe | (c)2010 Big Newspaper, all rights reserved',
      'David Riecks | (c)1985 David Riecks, All Rights Reserved',
    ]);
  });

  it('exports the same bytes twice, resizing each photo once and reusing the cached copy', async () => {
    const { newsroom, outDir, exports } = setup();
    const story = await threePhotoStory(newsroom);
    const first = await exports.exportStory({ story, outDir: path.join(outDir, 'a'), mode: 'publish', creditFormat: 'slash' });
    const cacheDir = path.join(newsroom.dataDir, 'media', 'export-cache');
    const cached = filesUnder(cacheDir);
    expect(cached).toHaveLength(6);
    const inodes = cached.map((f) => fs.statSync(path.join(cacheDir, f)).ino);

    const second = await exports.exportStory({ story, outDir: path.join(outDir, 'b'), mode: 'publish', creditFormat: 'slash' });
    expect(filesUnder(cacheDir)).toEqual(cached);
    // Not made again: the same files, not replaced ones.
    expect(cached.map((f) => fs.statSync(path.join(cacheDir, f)).ino)).toEqual(inodes);

    // And encoding is deterministic: made again from the originals, the copies are the same bytes.
    fs.rmSync(cacheDir, { recursive: true });
    const third = await exports.exportStory({ story, outDir: path.join(outDir, 'c'), mode: 'publish', creditFormat: 'slash' });

    const relative = (result: ExportResult, root: string) => result.files.map((f) => [path.relative(root, f.path), f.bytes]);
    expect(relative(second, path.join(outDir, 'b'))).toEqual(relative(first, path.join(outDir, 'a')));
    expect(relative(third, path.join(outDir, 'c'))).toEqual(relative(first, path.join(outDir, 'a')));
    for (const file of filesUnder(path.join(outDir, 'a'))) {
      const a = read(path.join(outDir, 'a', file));
      expect(read(path.join(outDir, 'b', file)).equals(a), file).toBe(true);
      expect(read(path.join(outDir, 'c', file)).equals(a), file).toBe(true);
    }
    // No temporary files are left anywhere.
    expect([...filesUnder(outDir), ...filesUnder(cacheDir)].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('offers 400, 800, 1200 and 1600 px copies of a large photo, upright, without GPS or camera serials', async () => {
    const { newsroom, outDir, exports } = setup();
    // A 2400 × 1600 frame stored sideways (EXIF orientation 6) with GPS and a camera serial.
    const field = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#4a6' } })
      .jpeg()
      .withExif({
        IFD0: { Artist: 'Olena Koval', Copyright: 'Copyright 2026 Olena Koval' },
        IFD2: { BodySerialNumber: 'SN-123456' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '30/1 31/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await exifr.parse(field, { gps: true })).latitude).toBeCloseTo(50.45, 1);
    expect(field.includes(Buffer.from('SN-123456'))).toBe(true);
    const { photo, node } = await newsroom.media.importPhoto('field.jpg', field);
    expect([photo.width, photo.height]).toEqual([1600, 2400]);
    const story = sampleStory({ headline: 'Field photo', slug: 'field-photo', language: 'uk' }, [
      paragraph('Текст.'),
      { ...node, caption: 'Поле під Києвом.', alt: 'Зелене поле', credit: { ...node.credit, photographers: ['Олена Коваль'], agency: 'Укрінформ', copyright: '© 2026 Олена Коваль' } },
    ]);
    const result = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash' });
    const images = result.files.filter((f) => f.kind === 'image');
    expect(images.map((f) => path.basename(f.path))).toEqual([400, 800, 1200, 1600].map((w) => `${photo.id.slice(0, 12)}-${w}.jpg`));
    for (const [i, file] of images.entries()) {
      const bytes = read(file.path);
      const meta = await sharp(bytes).metadata();
      const width = [400, 800, 1200, 1600][i]!;
      expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([width, width * 1.5, 1]);
      expect(bytes.includes(Buffer.from('SN-123456'))).toBe(false);
      const exif = await exifr.parse(bytes, { tiff: true, exif: true, gps: true });
      expect(exif.latitude).toBeUndefined();
      expect(exif.BodySerialNumber).toBeUndefined();
      // EXIF is ASCII: the Ukrainian credit is transliterated, not mangled.
      expect([exif.Artist, exif.Copyright]).toEqual(['Olena Koval', '(c) 2026 Olena Koval']);
    }
    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    expect(html).toContain('width="1200" height="1800"');
    expect(html).toContain(`srcset="images/${photo.id.slice(0, 12)}-400.jpg 400w, images/${photo.id.slice(0, 12)}-800.jpg 800w, images/${photo.id.slice(0, 12)}-1200.jpg 1200w, images/${photo.id.slice(0, 12)}-1600.jpg 1600w"`);
    expect(html).toContain('<span class="credit">Олена Коваль/Укрінформ</span>');
  });

  it('writes one self-contained file in single-file mode, with the photos inlined', async () => {
    const { newsroom, outDir, exports } = setup();
    const story = await threePhotoStory(newsroom);
    const result = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash', singleFile: true });
    expect(result.page).toBe(path.join(outDir, 'three-photos.html'));
    expect(result.files.map((f) => f.kind)).toEqual(['page']);
    expect(filesUnder(outDir)).toEqual(['three-photos.html']);

    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html, { imageSrc: /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/ });
    const imgs = byTag(elements, 'img');
    expect(imgs).toHaveLength(3);
    // Each photo at its own width (all three are narrower than the inlined size).
    for (const [i, img] of imgs.entries()) {
      expect(attr(img, 'srcset')).toBeUndefined();
      const bytes = Buffer.from(attr(img, 'src')!.replace('data:image/jpeg;base64,', ''), 'base64');
      const meta = await sharp(bytes).metadata();
      const width = [527, 516, 525][i];
      expect([meta.format, meta.width, attr(img, 'width')]).toEqual(['jpeg', width, String(width)]);
    }
    // A data: URI is no address to share: the structured data leaves contentUrl out.
    const jsonLd = JSON.parse(byTag(elements, 'script')[0]!.raw) as { image: Record<string, unknown>[] };
    expect(jsonLd.image.map((i) => 'contentUrl' in i)).toEqual([false, false, false]);
    // Same bytes again.
    const again = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash', singleFile: true });
    expect(fs.readFileSync(again.page, 'utf8')).toBe(html);
  });

  it('refuses to publish a story that is not ready, and writes nothing', async () => {
    const { newsroom, outDir, exports } = setup();
    const { photo } = await importFixture(newsroom, IPTC.agency);
    const cases: [Partial<SampleStory>, Block[], RegExp][] = [
      [{ status: 'draft' }, [paragraph('Words.')], /is not ready to publish: Story is "draft": an editor must approve it before it is published/],
      [{}, [paragraph('Words.'), emptyPhotoNode('')], /Photo 1 is a placeholder: add the image or remove the placeholder/],
      [{}, [paragraph('Words.'), emptyPhotoNode(photo.id)], /Photo 1 has no caption, credit \(photographer or agency\), alt text/],
      [{}, [paragraph('Words.'), { ...photoNode('ee'.repeat(32), 'c', { agency: 'A' }, 'a') }], /Photo 1 \(eeeeeeeeeeee\) is not in the photo store/],
      [{ headline: '' }, [paragraph('')], /Story has no headline.*Story body is empty/],
    ];
    for (const [fields, blocks, message] of cases) {
      const story = sampleStory({ headline: 'Not yet', slug: 'not-yet', ...fields }, blocks);
      const error = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NewsroomError);
      expect((error as NewsroomError).code).toBe('invalid-argument');
      expect((error as NewsroomError).message).toMatch(message);
      expect((error as NewsroomError).details?.problems).toEqual(expect.any(Array));
    }
    expect(filesUnder(outDir)).toEqual([]);
    expect(filesUnder(path.join(newsroom.dataDir, 'media', 'export-cache'))).toEqual([]);
  });

  it('exports a draft as a preview: marked, kept out of search engines, placeholders left out', async () => {
    const { newsroom, outDir, exports } = setup();
    const { photo, node } = await importFixture(newsroom, IPTC.agency);
    const story = sampleStory({ headline: 'Draft story', slug: 'draft-story', status: 'draft' }, [paragraph('Words.'), emptyPhotoNode(''), { ...node, alt: '' }]);
    const result = await exports.exportStory({ story, outDir, mode: 'preview', creditFormat: 'slash' });
    expect(result.problems.map((p) => p.code)).toEqual(['not-approved', 'photo-placeholder', 'photo-incomplete']);
    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html);
    expect(html).toContain('<p class="preview-notice" role="note">Preview — not approved for publication</p>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(byTag(elements, 'img').map((img) => attr(img, 'src'))).toEqual([`images/${photo.id.slice(0, 12)}-527.jpg`]);
  });

  it('clears images an earlier export left behind, and nothing else', async () => {
    const { newsroom, outDir, exports } = setup();
    const story = await threePhotoStory(newsroom);
    const first = await exports.exportStory({ story, outDir, mode: 'publish', creditFormat: 'slash' });
    const images = path.join(outDir, 'three-photos', 'images');
    fs.writeFileSync(path.join(images, 'notes.txt'), 'the desk keeps this');
    const document = parseStoryDocument(story.body);
    const fewer = { ...story, body: JSON.stringify({ root: { ...document.root, children: document.root.children.slice(0, 2) } }) };
    const second = await exports.exportStory({ story: fewer, outDir, mode: 'publish', creditFormat: 'slash' });
    expect(first.files.filter((f) => f.kind === 'image')).toHaveLength(6);
    const kept = second.files.filter((f) => f.kind === 'image').map((f) => path.basename(f.path));
    expect(kept).toHaveLength(2);
    expect(fs.readdirSync(images).sort()).toEqual([...kept, 'notes.txt'].sort());
  });

  it('refuses a slug that could leave the chosen folder', async () => {
    const { outDir, exports } = setup();
    for (const slug of ['../escape', 'a/b', '..', '', 'a\\b', '/etc/x']) {
      const story = sampleStory({ headline: 'Slug', slug }, [paragraph('Words.')]);
      await expect(exports.exportStory({ story, outDir: path.join(outDir, 'chosen'), mode: 'preview', creditFormat: 'slash' })).rejects.toThrow(/cannot name an export folder/);
    }
    expect(filesUnder(outDir)).toEqual([]);
  });

  it('renders the in-app preview with the store’s display copies and writes nothing', async () => {
    const { newsroom, exports } = setup();
    const story = await threePhotoStory(newsroom);
    const html = exports.previewPage({ story: { ...story, status: 'draft' }, creditFormat: 'comma' });
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html, { imageSrc: /^newsroom-media:\/\/photo\/[0-9a-f]{64}\/display$/ });
    expect(byTag(elements, 'img').map((img) => [attr(img, 'width'), attr(img, 'srcset')])).toEqual([
      ['527', undefined],
      ['516', undefined],
      ['525', undefined],
    ]);
    expect(html).toContain('<span class="credit">Julie Doe, Mugwum Press</span>');
    expect(html).toContain('Preview — not approved for publication');
    expect(filesUnder(path.join(newsroom.dataDir, 'media', 'export-cache'))).toEqual([]);
  });

  it('puts the hostile corpus through a real export: captions, credits, alt text and fields', async () => {
    const { HOSTILE_PAYLOADS } = await import('../fixtures/hostile-payloads.js');
    const { newsroom, outDir, exports } = setup();
    const { node } = await importFixture(newsroom, IPTC.independent);
    const blocks: Block[] = [];
    for (const payload of HOSTILE_PAYLOADS) {
      const credit = { ...node.credit, photographers: [payload.trim().slice(0, 200) || 'x'], agency: payload.trim().slice(0, 200), copyright: payload.trim() };
      blocks.push(paragraph(payload), { ...node, caption: payload, alt: payload, credit });
    }
    const story = sampleStory({ headline: HOSTILE_PAYLOADS.slice(0, 3).join(' '), standfirst: HOSTILE_PAYLOADS.join(' ').slice(0, 2000), byline: ['"><script>alert(1)</script>'], slug: 'hostile', dateline: { place: '</script><script>alert(1)</script>', date: '' } }, blocks);
    const result = await exports.exportStory({ story, outDir, mode: 'preview', creditFormat: 'slash' });
    const html = fs.readFileSync(result.page, 'utf8');
    expect(await validationMessages(html)).toEqual([]);
    const elements = await expectInertPage(html);
    expect(byTag(elements, 'figure')).toHaveLength(HOSTILE_PAYLOADS.length);
    const exif = await exifr.parse(read(result.files[1]!.path), { tiff: true });
    expect(exif.Artist).toBe(toExifAscii(HOSTILE_PAYLOADS[0]!));
  });
});

describe('export helpers', () => {
  it('offers the standard widths up to the original, and the original’s own width below the largest', () => {
    expect(exportWidths(4000)).toEqual([400, 800, 1200, 1600]);
    expect(exportWidths(1600)).toEqual([400, 800, 1200, 1600]);
    expect(exportWidths(1000)).toEqual([400, 800, 1000]);
    expect(exportWidths(527)).toEqual([400, 527]);
    expect(exportWidths(300)).toEqual([300]);
  });

  it.each([
    ['Julie Doe', 'Julie Doe'],
    ['Agência Sul', 'Agencia Sul'],
    ['©2009 Julie Doe / Mugwum Press', '(c)2009 Julie Doe / Mugwum Press'],
    ['Олена Коваль', 'Olena Koval'],
    ['Щербина Юлія', 'Shcherbyna Iuliia'],
    ['Сергей Ёлкин', 'Sergei Elkin'],
    ['李明', ''],
    ['“Quoted” – name…', '"Quoted" - name...'],
  ])('writes %j in EXIF as %j', (value, ascii) => {
    expect(toExifAscii(value, /[ёыэъ]/i.test(value) ? 'ru' : 'uk')).toBe(ascii);
  });
});
