/**
 * The photo store: originals kept by the app, content-addressed by SHA-256 (so a photo dropped
 * twice is stored once, and a story keeps its photos when the USB stick is gone), and display
 * copies made with sharp on libuv's thread pool, never on the renderer's thread. Display copies
 * carry no metadata at all: a reporter's GPS position or camera serial never leaves in them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../files.js';
import type { Metadata as SharpMetadata } from 'sharp';
import { loadSharp } from './libraries.js';
import type { Db } from '../../db/open.js';
import { photoQueries } from '../../db/photos.js';
import { documentPhotos, emptyPhotoNode, parseStoryDocument, prefillPhoto } from '../../common/document.js';
import { photoRightsQueries } from '../../db/photoRights.js';
import { NewsroomError } from '../../common/errors.js';
import { PHOTO_ID_PATTERN, type Rendition, type StoredPhoto } from '../../common/photo.js';
import type { CallerContext, ImportedPhoto, PhotoBatch, StoryPhoto } from '../../common/contract/index.js';
import { eachStep } from './jobs.js';
import { readPhotoMetadata } from './photoMetadata.js';
import { storyPhotos } from './photos.js';
import type { SettingsService } from './settings.js';
import type { StoryLookup } from './storyStore.js';

export const MAX_PHOTO_BYTES = 60 * 1024 * 1024;
export const MAX_PHOTO_PIXELS = 100_000_000;
export const RENDITION_SIZES: Record<Rendition, number> = { display: 2048, thumb: 400 };

const FORMATS: { mime: string; ext: string; test: (b: Uint8Array) => boolean }[] = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (b) => ascii(b, 1, 3) === 'PNG' && b[0] === 0x89 },
  { mime: 'image/gif', ext: 'gif', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { mime: 'image/webp', ext: 'webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { mime: 'image/tiff', ext: 'tif', test: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { mime: 'image/avif', ext: 'avif', test: (b) => ascii(b, 4, 8) === 'ftypavif' },
];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** What the file really is, from its first bytes, whatever its name says. */
export function sniffImage(bytes: Uint8Array): { mime: string; ext: string } | null {
  return FORMATS.find((f) => f.test(bytes)) ?? null;
}

export type { ImportedPhoto };

function refuse(name: string, why: string): NewsroomError {
  return new NewsroomError('invalid-argument', `${name} was not added: ${why}`);
}

export interface MediaServiceDeps {
  /** For a story's photos: the story, and the house credit format they are shown in. */
  stories: StoryLookup;
  settings: Pick<SettingsService, 'get'>;
  now?: () => Date;
}

export function createMediaService(db: Db, dataDir: string, deps: MediaServiceDeps) {
  const q = photoQueries(db);
  const rights = photoRightsQueries(db);
  const clock = deps.now ?? (() => new Date());
  const root = path.join(dataDir, 'media');
  const originalPath = (photo: Pick<StoredPhoto, 'id' | 'mime'>) =>
    path.join(root, 'originals', photo.id.slice(0, 2), `${photo.id}.${FORMATS.find((f) => f.mime === photo.mime)?.ext ?? 'bin'}`);
  const renditionPath = (id: string, rendition: Rendition) => path.join(root, 'renditions', id.slice(0, 2), `${id}-${rendition}.jpg`);

  async function makeRendition(source: Uint8Array, id: string, rendition: Rendition): Promise<string> {
    const file = renditionPath(id, rendition);
    const size = RENDITION_SIZES[rendition];
    // rotate() applies the EXIF orientation; sharp writes no metadata unless asked, so GPS,
    // serial numbers and everything else stay out of the copy.
    const sharp = await loadSharp();
    const output = await sharp(source, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: rendition === 'thumb' ? 75 : 85, mozjpeg: true })
      .toBuffer();
    await writeFileAtomically(file, output);
    return file;
  }

  /**
   * `renditions: 'later'` is for bytes already checked elsewhere (a package's checksums vouch for
   * photos the sender imported): display copies are then made when first shown.
   */
  async function importPhoto(name: string, bytes: Uint8Array, options: { renditions?: 'now' | 'later' } = {}): Promise<ImportedPhoto> {
    if (bytes.byteLength > MAX_PHOTO_BYTES) {
      throw refuse(name, `it is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB, over the ${MAX_PHOTO_BYTES / 1024 / 1024} MB limit; export a smaller JPEG`);
    }
    const format = sniffImage(bytes);
    if (!format) throw refuse(name, 'it is not a JPEG, PNG, WebP, GIF, TIFF or AVIF image (whatever its name says)');
    let info: SharpMetadata;
    try {
      info = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
    } catch (error) {
      throw refuse(name, `the image is damaged or unreadable (${(error as Error).message})`);
    }
    const width = info.width ?? 0;
    const height = info.height ?? 0;
    if (width * height > MAX_PHOTO_PIXELS) {
      throw refuse(name, `it has ${((width * height) / 1e6).toFixed(0)} megapixels, over the ${MAX_PHOTO_PIXELS / 1e6} megapixel limit`);
    }
    const id = createHash('sha256').update(bytes).digest('hex');
    const existing = q.get(id);
    if (existing) {
      if (options.renditions !== 'later') await ensureRenditions(existing);
      return { photo: existing, node: prefillPhoto(emptyPhotoNode(id, existing.width, existing.height), existing.metadata), duplicate: true };
    }
    // Decode the whole image once for the display copy: a truncated or corrupt file fails here,
    // before anything is stored.
    try {
      if (options.renditions !== 'later') {
        await makeRendition(bytes, id, 'display');
        await makeRendition(bytes, id, 'thumb');
      }
    } catch (error) {
      throw refuse(name, `the image is truncated or damaged (${(error as Error).message})`);
    }
    const { metadata, orientation } = await readPhotoMetadata(bytes);
    const swap = orientation >= 5;
    const photo: StoredPhoto = {
      id,
      mime: format.mime,
      width: swap ? height : width,
      height: swap ? width : height,
      bytes: bytes.byteLength,
      originalName: path.basename(name).slice(0, 255),
      metadata,
      createdAt: clock().toISOString(),
    };
    await writeFileAtomically(originalPath(photo), bytes);
    const stored = q.insert(photo);
    return { photo: stored, node: prefillPhoto(emptyPhotoNode(id, stored.width, stored.height), stored.metadata), duplicate: false };
  }

  async function ensureRenditions(photo: StoredPhoto): Promise<void> {
    for (const rendition of ['display', 'thumb'] as const) {
      if (!fs.existsSync(renditionPath(photo.id, rendition))) {
        await makeRendition(await fs.promises.readFile(originalPath(photo)), photo.id, rendition);
      }
    }
  }

  function requirePhoto(id: string): StoredPhoto {
    const photo = PHOTO_ID_PATTERN.test(id) ? q.get(id) : undefined;
    if (!photo) throw new NewsroomError('not-found', `No stored photo "${id.slice(0, 80)}": add the photo to the story again`);
    return photo;
  }

  async function importFile(file: string): Promise<ImportedPhoto> {
      const name = path.basename(file);
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(file);
      } catch (error) {
        throw refuse(name, `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      if (!stat.isFile()) throw refuse(name, 'it is not a file');
      if (stat.size > MAX_PHOTO_BYTES) {
        throw refuse(name, `it is ${(stat.size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_PHOTO_BYTES / 1024 / 1024} MB limit; export a smaller JPEG`);
      }
      return importPhoto(name, await fs.promises.readFile(file));
  }

  return {
    importPhoto,
    importFile,
    /** Files the reporter picked, one at a time in the order chosen (they land in the story in that order); refused ones say why. */
    async importFiles(files: string[], caller: CallerContext): Promise<PhotoBatch> {
      const batch: PhotoBatch = { imported: [], refused: [] };
      await eachStep(
        caller,
        files,
        (file) => `Adding ${path.basename(file)}`,
        async (file) => {
          try {
            batch.imported.push(await importFile(file));
          } catch (error) {
            if (!(error instanceof NewsroomError)) throw error;
            batch.refused.push({ name: path.basename(file), message: error.message });
          }
        },
        (done, total) => `Adding photos cancelled after ${done} of ${total}: the ${batch.imported.length} stored are whole, and nothing was put in the story`,
      );
      return batch;
    },
    /** A story's photos with what each still lacks, credits in the house format. */
    ofStory(ref: string): StoryPhoto[] {
      const story = deps.stories.get(ref);
      return storyPhotos(story, deps.settings.get().creditFormat, rights.ofStory(story.id));
    },
    /** "Rights confirmed for this use" for one photo of a story, decided by the caller (issue 13). */
    confirmRights(input: { storyId: string; photoId: string; confirmed: boolean }, caller: CallerContext): StoryPhoto[] {
      const story = deps.stories.get(input.storyId);
      if (!documentPhotos(parseStoryDocument(story.body)).some((photo) => photo.photoId === input.photoId)) {
        throw new NewsroomError('not-found', `This story has no photo ${input.photoId.slice(0, 12)}…: save the story with the photo in it first`);
      }
      if (input.confirmed) {
        rights.confirm(story.id, { photoId: input.photoId, at: clock().toISOString(), byId: caller.actor?.id ?? '', byName: caller.actor?.name ?? '' });
      } else {
        rights.withdraw(story.id, input.photoId);
      }
      return storyPhotos(story, deps.settings.get().creditFormat, rights.ofStory(story.id));
    },
    get: requirePhoto,
    /** The file behind a rendition, made again from the original if it went missing. */
    async renditionFile(id: string, rendition: Rendition): Promise<string> {
      const photo = requirePhoto(id);
      const file = renditionPath(photo.id, rendition);
      if (!fs.existsSync(file)) await ensureRenditions(photo);
      return file;
    },
    originalFile(id: string): string {
      return originalPath(requirePhoto(id));
    },
    count: () => q.count(),
    /**
     * Takes back a photo this machine did not have before a package arrived, when that package is
     * then refused: arrival is all or nothing (issue 11). Never call it for a photo a story uses.
     */
    discardArrived(id: string): void {
      const photo = q.get(id);
      if (!photo) return;
      q.remove(id);
      for (const file of [originalPath(photo), renditionPath(id, 'display'), renditionPath(id, 'thumb')]) fs.rmSync(file, { force: true });
    },
    /** True when this machine already stores the photo. */
    has: (id: string): boolean => q.get(id) !== undefined,
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
