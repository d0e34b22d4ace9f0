import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NewsroomError } from '../../common/errors.js';
import { documentPhotos, parseStoryDocument, prefillPhoto, emptyPhotoNode, type PhotoNodeJSON } from '../../common/document.js';
import { formatCredit, missingPhotoFields, emptyCredit } from '../../common/photo.js';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();
function newsroom(platform?: { chooseImageFiles(): Promise<string[]> }) {
  const n = tempNewsroom(platform ? { platform } : {});
  cleanups.push(n.cleanup);
  return n;
}
const read = (name: string) => fs.readFileSync(fixturePhoto(name));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NewsroomError);
    return (error as NewsroomError).message;
  }
  throw new Error('expected the photo to be refused');
}

describe('reading a photo’s own metadata (IPTC reference photos)', () => {
  it.each([
    {
      file: 'iptc-agency-photographer-example.jpg',
      caption: 'This statue of the 16th President of the United States depicts',
      photographers: ['Julie Doe'],
      agency: 'Mugwum Press',
      creditLine: 'Mugwum Press',
      source: 'Julie Doe / Mugwum Press',
      copyright: '©2009 Julie Doe / Mugwum Press, all rights reserved',
      shown: 'Julie Doe/Mugwum Press',
    },
    {
      file: 'iptc-staff-photographer-example.jpg',
      caption: 'After digging the furrows another ten yards with the tractor',
      photographers: ['John Doe'],
      agency: 'Big Newspaper',
      creditLine: 'Big Newspaper',
      source: 'John Doe / Big Newspaper',
      copyright: '©2010 Big Newspaper, all rights reserved',
      shown: 'John Doe/Big Newspaper',
    },
    {
      file: 'iptc-independent-photographer-example.jpg',
      caption: 'Southern Himalayan Mountains, from Snow Peak',
      photographers: ['David Riecks'],
      // The credit line only repeats the photographer, so there is no agency to show.
      agency: '',
      creditLine: '©1985 David Riecks: www.riecks.c',
      source: 'David Riecks Photography',
      copyright: '©1985 David Riecks, All Rights Reserved',
      shown: 'David Riecks',
    },
  ])('$file', async (expected) => {
    const n = newsroom();
    const { photo, node } = await n.media.importPhoto(expected.file, read(expected.file));
    expect(photo.metadata.caption.startsWith(expected.caption)).toBe(true);
    expect(photo.metadata.credit.photographers).toEqual(expected.photographers);
    expect(photo.metadata.creditLine).toBe(expected.creditLine);
    expect(photo.metadata.source).toBe(expected.source);
    expect(photo.metadata.credit.copyright).toBe(expected.copyright);
    expect(photo.metadata.capturedAt).not.toBe('');
    // The node is pre-filled, every filled field marked for the reporter to check; alt text is
    // never guessed from the caption.
    expect(node.caption).toBe(photo.metadata.caption);
    expect(node.credit.agency).toBe(expected.agency);
    expect(node.fromPhoto).toEqual(expect.arrayContaining(['caption', 'photographers', 'copyright']));
    expect(node.alt).toBe('');
    expect(formatCredit(node.credit)).toBe(expected.shown);
    expect(missingPhotoFields(node)).toEqual(['alt']);
  });

  it('gives a photo without metadata empty fields, not invented ones', async () => {
    const { photo, node } = await newsroom().media.importPhoto('noexif.jpg', read('noexif.jpg'));
    expect(photo.metadata).toEqual({ caption: '', credit: emptyCredit(), creditLine: '', source: '', headline: '', capturedAt: '' });
    expect(node.fromPhoto).toEqual([]);
    expect(missingPhotoFields(node)).toEqual(['caption', 'credit', 'alt']);
  });

  it('keeps a photo whose metadata is damaged', async () => {
    const { photo } = await newsroom().media.importPhoto('broken1.jpg', read('broken1.jpg'));
    expect(photo.width).toBeGreaterThan(0);
    expect(photo.mime).toBe('image/jpeg');
  });
});

describe('storing photos', () => {
  it('stores the same photo once, by its content, whatever it is called', async () => {
    const n = newsroom();
    const first = await n.media.importPhoto('a.jpg', read('iptc-staff-photographer-example.jpg'));
    const again = await n.media.importPhoto('copy of a.jpg', read('iptc-staff-photographer-example.jpg'));
    expect(again.photo.id).toBe(first.photo.id);
    expect(again.duplicate).toBe(true);
    expect(n.media.count()).toBe(1);
    const original = n.media.originalFile(first.photo.id);
    expect(fs.readFileSync(original).equals(read('iptc-staff-photographer-example.jpg'))).toBe(true);
    expect(original.startsWith(path.join(n.dataDir, 'media'))).toBe(true);
  });

  it('refuses what is not an image, whatever its name, and leaves the store untouched', async () => {
    const n = newsroom();
    expect(await refusal(n.media.importPhoto('holiday.jpg', Buffer.from('%PDF-1.7 not a photo at all')))).toMatch(
      /^holiday\.jpg was not added: it is not a JPEG, PNG/,
    );
    const whole = read('iptc-agency-photographer-example.jpg');
    expect(await refusal(n.media.importPhoto('cut.jpg', whole.subarray(0, Math.floor(whole.length / 3))))).toMatch(
      /^cut\.jpg was not added: the image is (truncated or damaged|damaged or unreadable)/,
    );
    expect(await refusal(n.media.importPhoto('big.jpg', Buffer.alloc(61 * 1024 * 1024, 0xff)))).toMatch(/over the 60 MB limit/);
    // A PNG whose header claims 20,000 × 20,000 pixels: refused before anything is decoded.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer();
    const ihdr = png.indexOf('IHDR');
    png.writeUInt32BE(20_000, ihdr + 4);
    png.writeUInt32BE(20_000, ihdr + 8);
    expect(await refusal(n.media.importPhoto('huge.png', png))).toMatch(/400 megapixels, over the 100 megapixel limit/);
    expect(n.media.count()).toBe(0);
    expect(fs.existsSync(path.join(n.dataDir, 'media', 'originals'))).toBe(false);
  });

  it('keeps GPS positions and camera serial numbers out of display copies', async () => {
    const n = newsroom();
    const withGps = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a6' } })
      .jpeg()
      .withExif({
        IFD0: { Copyright: 'Copyright 2026 Ana Lima', Artist: 'Ana Lima' },
        IFD2: { BodySerialNumber: 'SN-123456' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '30/1 31/1 0/1' },
      })
      .toBuffer();
    const before = await exifr.parse(withGps, { gps: true, exif: true });
    expect(before?.latitude).toBeCloseTo(50.45, 1);
    expect(withGps.includes(Buffer.from('SN-123456'))).toBe(true);
    const { photo } = await n.media.importPhoto('field.jpg', withGps);
    expect(photo.metadata.credit.copyright).toBe('Copyright 2026 Ana Lima');
    for (const rendition of ['display', 'thumb'] as const) {
      const copy = fs.readFileSync(await n.media.renditionFile(photo.id, rendition));
      const after = await exifr.parse(copy, { gps: true, exif: true, tiff: true, xmp: true, iptc: true }).catch(() => undefined);
      expect(after?.latitude, rendition).toBeUndefined();
      expect(after?.GPSLatitude, rendition).toBeUndefined();
      expect(copy.includes(Buffer.from('SN-123456'))).toBe(false);
    }
  });

  it('respects EXIF orientation in stored sizes and display copies', async () => {
    const n = newsroom();
    const sideways = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a46' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { photo } = await n.media.importPhoto('sideways.jpg', sideways);
    expect([photo.width, photo.height]).toEqual([200, 300]);
    const display = await sharp(fs.readFileSync(await n.media.renditionFile(photo.id, 'display'))).metadata();
    expect([display.width, display.height]).toEqual([200, 300]);
  });

  it('makes a missing display copy again from the original', async () => {
    const n = newsroom();
    const { photo } = await n.media.importPhoto('a.jpg', read('noexif.jpg'));
    const file = await n.media.renditionFile(photo.id, 'thumb');
    fs.rmSync(file);
    expect(fs.existsSync(await n.media.renditionFile(photo.id, 'thumb'))).toBe(true);
  });
});

describe('credits in the house format', () => {
  const credit = (photographers: string[], agency = '', via = '') => ({ ...emptyCredit(), photographers, agency, via });
  it.each([
    [credit(['Julie Doe'], 'Mugwum Press'), 'slash', 'Julie Doe/Mugwum Press'],
    [credit(['Ana Lima']), 'slash', 'Ana Lima'],
    [credit([], 'Reuters'), 'slash', 'Reuters'],
    [credit(['Jane Roe'], 'Ministry of Defence', 'Reuters'), 'slash', 'Jane Roe/Ministry of Defence via Reuters'],
    [credit([], 'Handout', 'AFP'), 'slash', 'Handout via AFP'],
    [credit(['Ana Lima', 'Tom Ruiz'], 'Agência Sul'), 'slash', 'Ana Lima and Tom Ruiz/Agência Sul'],
    [credit(['Julie Doe'], 'Mugwum Press'), 'comma', 'Julie Doe, Mugwum Press'],
    [credit(['Julie Doe'], 'Mugwum Press'), 'photo-prefix', 'Photo: Julie Doe/Mugwum Press'],
    [credit([]), 'photo-prefix', ''],
  ] as const)('%j as %s → %s', (c, format, shown) => {
    expect(formatCredit(c, format)).toBe(shown);
  });

  it('changing the format changes how credits show, never what is stored', async () => {
    const n = newsroom();
    const { node } = await n.media.importPhoto('a.jpg', read('iptc-agency-photographer-example.jpg'));
    const story = n.stories.create({ fields: { headline: 'Lincoln' } }, by(null));
    const body = parseStoryDocument(doc('Intro.'));
    body.root.children.push({ ...node, alt: 'The seated statue of Lincoln' });
    n.stories.save({ id: story.id, version: story.version, body: JSON.stringify(body) }, by(null));
    const before = n.stories.get(story.id).body;
    expect((await invokeChannel(n.door, { origin: 'test' }, 'media:list', { id: story.id }))).toMatchObject({ ok: true, value: [{ number: 1, creditLine: 'Julie Doe/Mugwum Press', missing: [] }] });
    await invokeChannel(n.door, { origin: 'test' }, 'settings:set', { creditFormat: 'comma' });
    expect((await invokeChannel(n.door, { origin: 'test' }, 'media:list', { id: story.id }))).toMatchObject({ ok: true, value: [{ creditLine: 'Julie Doe, Mugwum Press' }] });
    expect(n.stories.get(story.id).body).toBe(before);
    expect(await invokeChannel(n.door, { origin: 'test' }, 'settings:set', { creditFormat: 'fancy' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('photos in the story', () => {
  it('replacing a photo keeps what the reporter wrote and fills only empty fields', () => {
    const written: PhotoNodeJSON = { ...emptyPhotoNode('a'.repeat(64)), caption: 'Our own caption', alt: 'Alt', credit: { ...emptyCredit(), photographers: ['Staff Name'] } };
    const replaced = prefillPhoto({ ...written, photoId: 'b'.repeat(64) }, {
      caption: 'Agency caption', credit: { ...emptyCredit(), photographers: ['Julie Doe'], agency: 'Mugwum Press', copyright: '©' }, creditLine: '', source: '', headline: '', capturedAt: '',
    });
    expect(replaced.caption).toBe('Our own caption');
    expect(replaced.credit.photographers).toEqual(['Staff Name']);
    expect(replaced.credit.agency).toBe('Mugwum Press');
    expect(replaced.fromPhoto).toEqual(['agency', 'copyright']);
  });

  it('imports photos through the file dialog in the order chosen, listing the ones refused', async () => {
    const notAPhoto = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'nr-')), 'notes.jpg');
    fs.writeFileSync(notAPhoto, 'just text');
    const n = newsroom({
      chooseImageFiles: async () => [fixturePhoto('iptc-staff-photographer-example.jpg'), notAPhoto, fixturePhoto('iptc-agency-photographer-example.jpg')],
    });
    const result = await invokeChannel(n.door, { origin: 'test' }, 'media:choose', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { imported: { photo: { originalName: string } }[]; refused: { name: string; message: string }[] };
    expect(value.imported.map((i) => i.photo.originalName)).toEqual(['iptc-staff-photographer-example.jpg', 'iptc-agency-photographer-example.jpg']);
    expect(value.refused).toEqual([{ name: 'notes.jpg', message: expect.stringMatching(/^notes\.jpg was not added: it is not a JPEG/) }]);
  });

  it('takes photo bytes over IPC and refuses anything but bytes', async () => {
    const n = newsroom();
    const ok = await invokeChannel(n.door, { origin: 'test' }, 'media:import', { name: 'farm.jpg', bytes: new Uint8Array(read('iptc-staff-photographer-example.jpg')) });
    expect(ok).toMatchObject({ ok: true, value: { node: { type: 'photo', layout: 'column' } } });
    const bad = await invokeChannel(n.door, { origin: 'test' }, 'media:import', { name: 'farm.jpg', bytes: 'not bytes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const story = n.stories.create({ body: JSON.stringify({ root: { ...parseStoryDocument(doc('x')).root, children: [(ok as { value: { node: PhotoNodeJSON } }).value.node] } }) }, by(null));
    expect(documentPhotos(parseStoryDocument(story.body))).toHaveLength(1);
    // Captions are searchable.
    expect(n.stories.search('furrows', 5).map((h) => h.story.id)).toEqual([story.id]);
  });
});
