/** `media:*`: the photo store, served by the media service. */
import { z } from 'zod';
import type { PhotoNodeJSON } from '../document.js';
import { PHOTO_ID_PATTERN, type PhotoField, type StoredPhoto } from '../photo.js';
import { channel, fileBytes, id, noArgument, storyRef } from './define.js';

/** A photo just added to the store, with a node ready to insert into the story. */
export interface ImportedPhoto {
  photo: StoredPhoto;
  node: PhotoNodeJSON;
  /** True when these exact bytes were already in the store. */
  duplicate: boolean;
}

/** One photo of a story as the photo panel and the checklist see it. */
export interface StoryPhoto {
  /** 1-based position among the story's photos: "Photo 2 has no credit". */
  number: number;
  photoId: string;
  caption: string;
  alt: string;
  credit: PhotoNodeJSON['credit'];
  /** The credit as printed, in the house format. */
  creditLine: string;
  missing: PhotoField[];
  fromPhoto: PhotoNodeJSON['fromPhoto'];
  /** "Rights confirmed for this use": who decided and when, or null while nobody has (issue 13). */
  rightsConfirmed: { at: string; by: string } | null;
}

export interface PhotoBatch {
  imported: ImportedPhoto[];
  refused: { name: string; message: string }[];
}

export const mediaChannels = {
  'media:import': channel<ImportedPhoto>()(
    fileBytes,
    'Stores a photo (bytes from a drop, a paste or a picked file) and returns a node pre-filled from its IPTC/XMP metadata; invalid-argument when it is not an image, damaged or too large',
    [],
  ),
  'media:choose': channel<PhotoBatch>()(noArgument, 'Lets the reporter pick photos with the system file dialog and stores each; refused files are listed with the reason', []),
  'media:get': channel<StoredPhoto>()(z.object({ id }).strict(), 'Reads a stored photo record', ['not-found']),
  'media:list': channel<StoryPhoto[]>()(storyRef, "Lists a story's photos and what each still lacks", ['not-found']),
  'media:confirm-rights': channel<StoryPhoto[]>()(
    z.object({ storyId: id, photoId: z.string().regex(PHOTO_ID_PATTERN, 'A photo id is the SHA-256 of its file'), confirmed: z.boolean() }).strict(),
    "Records (or withdraws) the decision that a photo's rights allow this story's use of it, with who and when; not-found when the story does not hold that photo",
    ['not-found'],
  ),
} as const;
