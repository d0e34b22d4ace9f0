/**
 * What a photo carries when it leaves the machine for the desk: the picture, turned upright, its
 * colour profile, and its credit (EXIF Artist and Copyright, from the photo node the story has);
 * never where it was taken (GPS) nor which camera took it (serial numbers), nor anything else the
 * camera wrote. sharp writes no metadata it is not given, so the rest is left behind.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { PhotoNodeJSON } from '../../../common/document.js';

export interface OutgoingPhoto {
  hash: string;
  bytes: Uint8Array;
}

export async function photoForDesk(original: Uint8Array, credit: PhotoNodeJSON['credit']): Promise<OutgoingPhoto> {
  const image = sharp(original, { failOn: 'none' });
  const { format } = await image.metadata();
  const artist = [...credit.photographers, credit.agency].filter((n) => n.trim() !== '').join(', ');
  const ifd0: Record<string, string> = {};
  if (artist !== '') ifd0.Artist = artist;
  if (credit.copyright.trim() !== '') ifd0.Copyright = credit.copyright;
  let out = image.rotate().keepIccProfile();
  if (Object.keys(ifd0).length > 0) out = out.withExif({ IFD0: ifd0 });
  const encoded = format === 'png' ? out.png() : format === 'webp' ? out.webp({ quality: 95 }) : out.jpeg({ quality: 95 });
  const bytes = new Uint8Array(await encoded.toBuffer());
  return { hash: createHash('sha256').update(bytes).digest('hex'), bytes };
}
