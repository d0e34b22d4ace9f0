/**
 * Photos as the desk handles them: a credit kept as data (never typed into the caption), shown in
 * the newsroom's house format, and the checks that say what a photo still lacks.
 */
import { z } from 'zod';

export const photoCreditSchema = z.object({
  /** One or more photographers, as they want to be credited. */
  photographers: z.array(z.string().trim().min(1).max(200)).max(10),
  /** The agency or source: "Mugwum Press", "Reuters", "Handout". */
  agency: z.string().trim().max(200),
  /** The distributor of a handout or pool photo: "… via Reuters". */
  via: z.string().trim().max(200),
  copyright: z.string().trim().max(500),
  usageTerms: z.string().trim().max(2000),
});
export type PhotoCredit = z.infer<typeof photoCreditSchema>;

export function emptyCredit(): PhotoCredit {
  return { photographers: [], agency: '', via: '', copyright: '', usageTerms: '' };
}

export const CREDIT_FORMATS = ['slash', 'comma', 'photo-prefix'] as const;
export type CreditFormat = (typeof CREDIT_FORMATS)[number];
export const CREDIT_FORMAT_LABELS: Record<CreditFormat, string> = {
  slash: 'Julie Doe/Mugwum Press',
  comma: 'Julie Doe, Mugwum Press',
  'photo-prefix': 'Photo: Julie Doe/Mugwum Press',
};

/**
 * The credit line in the house format. Staff without an agency get their name alone, an agency
 * without a named photographer its own name, and handouts "… via Distributor".
 */
export function formatCredit(credit: PhotoCredit, format: CreditFormat = 'slash'): string {
  const names = credit.photographers.join(' and ');
  const separator = format === 'comma' ? ', ' : '/';
  let line = [names, credit.agency].filter((part) => part !== '').join(separator);
  if (credit.via !== '') line = line === '' ? `Via ${credit.via}` : `${line} via ${credit.via}`;
  if (line !== '' && format === 'photo-prefix') line = `Photo: ${line}`;
  return line;
}

export const PHOTO_LAYOUTS = ['column', 'wide'] as const;
export type PhotoLayout = (typeof PHOTO_LAYOUTS)[number];

/** Fields a reporter must fill before a photo can run. */
export const PHOTO_FIELDS = ['caption', 'credit', 'alt'] as const;
export type PhotoField = (typeof PHOTO_FIELDS)[number];

export interface PhotoText {
  caption: string;
  alt: string;
  credit: PhotoCredit;
}

export function hasCredit(credit: PhotoCredit): boolean {
  return credit.photographers.length > 0 || credit.agency !== '';
}

/** What a photo still lacks, in the order a reporter fixes it. */
export function missingPhotoFields(photo: PhotoText): PhotoField[] {
  const missing: PhotoField[] = [];
  if (photo.caption.trim() === '') missing.push('caption');
  if (!hasCredit(photo.credit)) missing.push('credit');
  if (photo.alt.trim() === '') missing.push('alt');
  return missing;
}

export const PHOTO_FIELD_LABELS: Record<PhotoField, string> = {
  caption: 'caption',
  credit: 'credit (photographer or agency)',
  alt: 'alt text',
};

/** What the photo's own IPTC/XMP/EXIF metadata offers to fill in. Empty strings where it says nothing. */
export interface PhotoMetadata {
  caption: string;
  credit: PhotoCredit;
  /** The credit line as written in the file (IPTC Credit / photoshop:Credit). */
  creditLine: string;
  source: string;
  headline: string;
  capturedAt: string;
}

/** The stored image a photo node points to. */
export interface StoredPhoto {
  /** SHA-256 of the original file: the content address. */
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  originalName: string;
  metadata: PhotoMetadata;
  createdAt: string;
}

export const PHOTO_ID_PATTERN = /^[0-9a-f]{64}$/;
export const RENDITIONS = ['display', 'thumb'] as const;
export type Rendition = (typeof RENDITIONS)[number];

/** Where the renderer loads a stored photo from (served by main, never `file://`). */
export function photoUrl(id: string, rendition: Rendition = 'display'): string {
  return `newsroom-media://photo/${id}/${rendition}`;
}

/** What in a caption an agency's file wrote needs a person's eye before it runs (issue 13). */
export type CaptionFlag = 'coordinates' | 'web-address';

const WEB_ADDRESS = /(?:\bhttps?:\/\/|\bwww\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|biz|io|gov|edu|[a-z]{2})\/\S*/i;
/** Decimal degrees as a pair ("-29.7175, -52.4258") or degrees, minutes and a hemisphere ("29°43'S"). */
const COORDINATES = [
  /[-+]?\b\d{1,2}\.\d{3,}°?\s*[NS]?\s*[,;/ ]\s*[-+]?\d{1,3}\.\d{3,}°?\s*[EW]?\b/i,
  /\b\d{1,3}\s*°\s*\d{1,2}\s*['′](?:\s*\d{1,2}(?:\.\d+)?\s*(?:"|″|''))?\s*[NSEW]\b/i,
  /\b(?:GPS|lat(?:itude)?|lon(?:g(?:itude)?)?)\s*[:=]\s*[-+]?\d/i,
];

/** Coordinates or a web address in a caption (shown for checking while the caption is still the file's). */
export function captionFlags(caption: string): CaptionFlag[] {
  const flags: CaptionFlag[] = [];
  if (COORDINATES.some((pattern) => pattern.test(caption))) flags.push('coordinates');
  if (WEB_ADDRESS.test(caption)) flags.push('web-address');
  return flags;
}

export const CAPTION_FLAG_LABELS: Record<CaptionFlag, string> = {
  coordinates: 'map coordinates',
  'web-address': 'a web address',
};
