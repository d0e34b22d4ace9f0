/**
 * Reads what a photo says about itself: IPTC-IIM, XMP and EXIF, as agencies and cameras write
 * them. Damaged metadata never stops a good photo: it gives empty fields, never invented ones.
 */
import { loadExifr } from './libraries.js';
import { namesFromText } from '../../common/names.js';
import { emptyCredit, type PhotoMetadata } from '../../common/photo.js';

type Block = Record<string, unknown> | undefined;

/** XMP values come as strings, arrays, or language alternatives ({ lang, value }). */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\0/g, '').trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== '').join(', ');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return '';
}

function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(names);
  const single = text(value);
  return namesFromText(single);
}

function first(...values: unknown[]): string {
  for (const value of values) {
    const t = text(value);
    if (t !== '') return t;
  }
  return '';
}

export function emptyMetadata(): PhotoMetadata {
  return { caption: '', credit: emptyCredit(), creditLine: '', source: '', headline: '', capturedAt: '' };
}

export interface ReadMetadata {
  metadata: PhotoMetadata;
  /** EXIF orientation (1–8), 1 when absent. */
  orientation: number;
}

export async function readPhotoMetadata(bytes: Uint8Array): Promise<ReadMetadata> {
  let blocks: Record<string, Block>;
  try {
    const exifr = await loadExifr();
    blocks = ((await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: false,
      iptc: true,
      xmp: true,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
      translateValues: false,
      reviveValues: true,
    })) ?? {}) as Record<string, Block>;
  } catch {
    // exifr throws on files with no or damaged metadata segments: the photo is still usable.
    return { metadata: emptyMetadata(), orientation: 1 };
  }
  const iptc = blocks.iptc;
  const dc = blocks.dc;
  const photoshop = blocks.photoshop;
  const rights = blocks.xmpRights ?? blocks.xapRights;
  const exif = blocks.exif;
  const ifd0 = blocks.ifd0;

  const photographers = names(iptc?.Byline).length > 0 ? names(iptc?.Byline) : names(dc?.creator);
  const creditLine = first(iptc?.Credit, photoshop?.Credit);
  const source = first(iptc?.Source, photoshop?.Source);
  // The credit line names the agency, unless it only repeats the photographer ("©1985 David Riecks: …").
  const agency = creditLine !== '' && !photographers.some((n) => creditLine.includes(n)) ? creditLine : '';
  const orientation = Number(ifd0?.Orientation ?? 1);
  return {
    metadata: {
      caption: first(iptc?.Caption, dc?.description),
      credit: {
        ...emptyCredit(),
        photographers,
        agency,
        copyright: first(iptc?.CopyrightNotice, dc?.rights, ifd0?.Copyright),
        usageTerms: first(rights?.UsageTerms),
      },
      creditLine,
      source,
      headline: first(iptc?.Headline, photoshop?.Headline),
      capturedAt: first(exif?.DateTimeOriginal, photoshop?.DateCreated, iptc?.DateCreated),
    },
    orientation: Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : 1,
  };
}
