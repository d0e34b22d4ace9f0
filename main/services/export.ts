/**
 * Publish-ready export: a story as a folder a web desk can upload (`<slug>/index.html` and
 * `<slug>/images/`), or as one self-contained HTML file with its photos inlined.
 *
 * The page comes from the same pure renderer as the preview (common/publish/renderStory.ts).
 * Photos are resized here once per width and kept in `<dataDir>/media/export-cache/`, so a second
 * export of the story copies files instead of re-encoding them. The copies carry no GPS position,
 * camera serial or other metadata from the original (sharp writes none unless asked); the credit
 * and copyright go back in as EXIF Artist and Copyright, so the picture desk's credit travels with
 * the file. Every file is written atomically, and the same story exports to the same bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadSharp } from './libraries.js';
import { writeFileAtomically, writeFilesAtomically } from '../files.js';
import { documentPhotos, parseStoryDocument, type PhotoNodeJSON } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { photoUrl, type CreditFormat, type PhotoCredit, type StoredPhoto } from '../../common/photo.js';
import { slugSchema } from '../../common/story.js';
import {
  publishProblems,
  renderStory,
  type PhotoAsset,
  type PhotoSource,
  type PublishMode,
  type PublishProblem,
  type StoryForPublication,
} from '../../common/publish/renderStory.js';
import { MAX_PHOTO_PIXELS, RENDITION_SIZES, type MediaService } from './media.js';

/** Widths offered to the browser (srcset), never wider than the original. */
export const EXPORT_WIDTHS = [400, 800, 1200, 1600] as const;
/** The one size inlined in a single-file export: the largest export width up to this. */
export const SINGLE_FILE_WIDTH = 1200;
const JPEG_QUALITY = 82;
/** Bump when the encoding changes, so cached copies made the old way are not reused. */
const ENCODING_VERSION = 1;
/** Names this export gives its images; only such files are ever removed from an images folder. */
const EXPORTED_IMAGE_NAME = /^[0-9a-f]{12}-\d+\.jpg$/;

export interface ExportOptions {
  story: StoryForPublication & { slug: string };
  /** The stored photo behind an id, or undefined if the store does not have it. */
  photos: (id: string) => StoredPhoto | undefined;
  media: Pick<MediaService, 'originalFile'>;
  /** The newsroom's data directory: resized copies are cached in `<dataDir>/media/export-cache/`. */
  dataDir: string;
  /** The folder the reporter chose: the export goes in `<outDir>/<slug>/` (or `<outDir>/<slug>.html`). */
  outDir: string;
  mode: PublishMode;
  creditFormat: CreditFormat;
  /** One HTML file with the photos inlined as data: URIs, instead of a folder. */
  singleFile?: boolean;
  /** Publication time for the page, ISO 8601; defaults to the story's last update. */
  publishedAt?: string;
}

export interface ExportedFile {
  path: string;
  bytes: number;
  kind: 'page' | 'image';
}

export interface ExportResult {
  /** The HTML file. */
  page: string;
  /** Everything written: the page first, then the images in the order the story shows them. */
  files: ExportedFile[];
  /** What keeps the story from being publish-ready (always empty for a `publish` export). */
  problems: PublishProblem[];
}

/** Export sizes for an original `width` pixels wide: the standard widths below it, then its own. */
export function exportWidths(width: number): number[] {
  const widths: number[] = EXPORT_WIDTHS.filter((w) => w <= width);
  const largest = EXPORT_WIDTHS[EXPORT_WIDTHS.length - 1] as number;
  if (width > 0 && width < largest && !widths.includes(width)) widths.push(width);
  return widths;
}

/** The file name of a photo's copy in an export: deterministic, short, and never a path. */
export function exportImageName(photoId: string, width: number): string {
  return `${photoId.slice(0, 12)}-${width}.jpg`;
}

const TRANSLITERATION: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', ё: 'e', ы: 'y', э: 'e', ъ: '',
  '©': '(c)', '®': '(R)', '™': '(TM)', '‘': "'", '’': "'", '“': '"', '”': '"', '«': '"', '»': '"', '„': '"',
  '–': '-', '—': '-', '…': '...', '\u00a0': ' ',
};
/** Russian letters that Ukrainian spells differently (г, и) or lacks. */
const RUSSIAN: Record<string, string> = { г: 'g', и: 'i', й: 'i', ъ: 'ie' };

/**
 * EXIF strings are ASCII: accents are folded (Agência → Agencia), Cyrillic names transliterated
 * (Ukrainian national system; Russian spelling for a Russian-language story), typographic marks
 * simplified, and anything else dropped.
 */
export function toExifAscii(value: string, language = 'uk'): string {
  const table = language.toLowerCase().split('-')[0] === 'ru' ? { ...TRANSLITERATION, ...RUSSIAN } : TRANSLITERATION;
  let out = '';
  for (const char of value.normalize('NFC')) {
    const lower = char.toLowerCase();
    const mapped = table[char] ?? table[lower];
    if (mapped !== undefined) {
      out += char !== lower && mapped !== '' ? mapped.charAt(0).toUpperCase() + mapped.slice(1) : mapped;
    } else if (/\s/.test(char)) {
      out += ' ';
    } else {
      // Agência → Agencia: the letter without its accent; anything not ASCII after that is dropped.
      out += char.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** EXIF Artist and Copyright for a photo's credit; empty fields are left out. */
export function creditExif(credit: PhotoCredit, language = 'uk'): Record<string, string> {
  const fields: Record<string, string> = {};
  const artist = toExifAscii(credit.photographers.length > 0 ? credit.photographers.join('; ') : credit.agency, language);
  const copyright = toExifAscii(credit.copyright, language);
  if (artist !== '') fields.Artist = artist;
  if (copyright !== '') fields.Copyright = copyright;
  return fields;
}



interface PhotoCopies {
  photo: StoredPhoto;
  /** Cached JPEG per width, smallest first. */
  files: { width: number; cacheFile: string }[];
}

/**
 * Resized copies of one photo, made once: a copy is keyed by photo, width and the EXIF it
 * carries, and reused from the cache whenever it exists.
 */
async function photoCopies(photo: StoredPhoto, credit: PhotoCredit, widths: number[], options: ExportOptions): Promise<PhotoCopies> {
  const exif = creditExif(credit, options.story.language);
  const key = createHash('sha256')
    .update(JSON.stringify({ v: ENCODING_VERSION, q: JPEG_QUALITY, exif }))
    .digest('hex')
    .slice(0, 8);
  const cacheDir = path.join(options.dataDir, 'media', 'export-cache', photo.id.slice(0, 2));
  const files = widths.map((width) => ({ width, cacheFile: path.join(cacheDir, `${photo.id}-${width}-${key}.jpg`) }));
  let original: Buffer | null = null;
  for (const { width, cacheFile } of files) {
    if (fs.existsSync(cacheFile)) continue;
    if (original === null) {
      try {
        original = await fs.promises.readFile(options.media.originalFile(photo.id));
      } catch (error) {
        if (error instanceof NewsroomError) throw error;
        throw new NewsroomError('not-found', `The original of photo "${photo.originalName}" is missing from the photo store: add the photo to the story again`);
      }
    }
    // rotate() applies the EXIF orientation; sharp keeps no metadata from the original, so GPS
    // and camera serials stay behind; withExif adds back only the credit.
    const sharp = await loadSharp();
    let pipeline = sharp(original, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width, withoutEnlargement: true });
    if (Object.keys(exif).length > 0) pipeline = pipeline.withExif({ IFD0: exif });
    await writeFileAtomically(cacheFile, await pipeline.jpeg({ quality: JPEG_QUALITY, mozjpeg: true }).toBuffer());
  }
  return { photo, files };
}

function storyDocument(story: StoryForPublication) {
  return parseStoryDocument(story.body);
}

function exportFolderName(story: { slug: string }): string {
  const parsed = slugSchema.safeParse(story.slug);
  if (!parsed.success) {
    throw new NewsroomError('invalid-argument', `Story slug "${String(story.slug).slice(0, 80)}" cannot name an export folder: give the story a slug of letters, digits and hyphens`);
  }
  return parsed.data;
}

/** The first node of each photo the story shows, in order: its credit is the one written into the file. */
function photosInStory(nodes: PhotoNodeJSON[], lookup: ExportOptions['photos']): { node: PhotoNodeJSON; photo: StoredPhoto }[] {
  const seen = new Set<string>();
  const found: { node: PhotoNodeJSON; photo: StoredPhoto }[] = [];
  for (const node of nodes) {
    if (node.photoId === '' || seen.has(node.photoId)) continue;
    seen.add(node.photoId);
    const photo = lookup(node.photoId);
    if (photo !== undefined) found.push({ node, photo });
  }
  return found;
}

/**
 * Writes the story's page and photos under `outDir`. A `publish` export is refused while the story
 * has publish problems (not approved, placeholders, photos without caption, credit or alt text...);
 * a `preview` export is always written, marked as a preview and kept out of search engines.
 */
export async function exportStory(options: ExportOptions): Promise<ExportResult> {
  const { story } = options;
  const folder = exportFolderName(story);
  const document = storyDocument(story);
  const photos = photosInStory(documentPhotos(document), options.photos);

  // Check before any work, with the sizes the page will offer (problems do not depend on URLs).
  const probe: Record<string, PhotoAsset> = {};
  for (const { photo } of photos) probe[photo.id] = { width: photo.width, height: photo.height, sources: [{ width: photo.width, url: 'images/probe.jpg' }] };
  const problems = publishProblems({ story, document, photos: probe, mode: options.mode, creditFormat: options.creditFormat, publishedAt: options.publishedAt });
  if (options.mode === 'publish' && problems.length > 0) {
    throw new NewsroomError(
      'invalid-argument',
      `"${story.headline.slice(0, 80) || story.slug}" is not ready to publish: ${problems.map((p) => p.message).join('; ')}`,
      { problems },
    );
  }

  const copies: PhotoCopies[] = [];
  for (const { node, photo } of photos) {
    const widths = exportWidths(photo.width);
    const chosen = options.singleFile === true ? [widths.filter((w) => w <= SINGLE_FILE_WIDTH).pop() ?? (widths[0] as number)] : widths;
    copies.push(await photoCopies(photo, node.credit, chosen, options));
  }

  const outDir = path.resolve(options.outDir);
  const files: ExportedFile[] = [];
  const assets: Record<string, PhotoAsset> = {};
  const images: { file: string; copyOf: string }[] = [];
  // A single file inlines the cached copies, read at once; a folder gets them copied by the kernel.
  const inlined = options.singleFile === true
    ? await Promise.all(copies.map(({ files: cached }) => Promise.all(cached.map(({ cacheFile }) => fs.promises.readFile(cacheFile)))))
    : [];
  for (const [index, { photo, files: cached }] of copies.entries()) {
    const sources: PhotoSource[] = [];
    for (const [at, { width, cacheFile }] of cached.entries()) {
      if (options.singleFile === true) {
        sources.push({ width, url: `data:image/jpeg;base64,${(inlined[index]?.[at] as Buffer).toString('base64')}` });
      } else {
        const name = exportImageName(photo.id, width);
        sources.push({ width, url: `images/${name}` });
        images.push({ file: path.join(outDir, folder, 'images', name), copyOf: cacheFile });
      }
    }
    assets[photo.id] = { width: photo.width, height: photo.height, sources };
  }

  const html = renderStory({ story, document, photos: assets, mode: options.mode, creditFormat: options.creditFormat, publishedAt: options.publishedAt });
  const page = options.singleFile === true ? path.join(outDir, `${folder}.html`) : path.join(outDir, folder, 'index.html');
  // Images first: once the page is there, everything it points to is there too.
  const sizes = await writeFilesAtomically(images);
  const written: ExportedFile[] = images.map((image, i) => ({ path: image.file, kind: 'image', bytes: sizes[i] as number }));
  files.push({ path: page, kind: 'page', bytes: await writeFileAtomically(page, html) }, ...written);

  if (options.singleFile !== true) await pruneImages(path.join(outDir, folder, 'images'), new Set(images.map((i) => path.basename(i.file))));
  return { page, files, problems };
}

/** Removes images an earlier export of this story left behind (a photo since taken out). */
async function pruneImages(dir: string, keep: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (EXPORTED_IMAGE_NAME.test(name) && !keep.has(name)) await fs.promises.rm(path.join(dir, name), { force: true });
  }
}

/**
 * The page for the app's preview pane (`<iframe sandbox srcdoc>`): photos are the store's
 * display copies, loaded over `newsroom-media:`; nothing is written.
 */
export function previewPage(
  options: Pick<ExportOptions, 'story' | 'photos' | 'creditFormat' | 'publishedAt'> & {
    mode?: PublishMode;
    stylesheet?: boolean;
    /** Where the frame loads a photo from; the store's display copy over `newsroom-media:` by default. */
    imageUrl?: (photoId: string) => string;
  },
): string {
  const document = storyDocument(options.story);
  const assets: Record<string, PhotoAsset> = {};
  for (const { photo } of photosInStory(documentPhotos(document), options.photos)) {
    const scale = Math.min(1, RENDITION_SIZES.display / Math.max(photo.width, photo.height));
    assets[photo.id] = {
      width: photo.width,
      height: photo.height,
      sources: [{ width: Math.max(1, Math.round(photo.width * scale)), url: options.imageUrl?.(photo.id) ?? photoUrl(photo.id, 'display') }],
    };
  }
  return renderStory({
    story: options.story,
    document,
    photos: assets,
    mode: options.mode ?? 'preview',
    creditFormat: options.creditFormat,
    publishedAt: options.publishedAt,
    stylesheet: options.stylesheet,
  });
}

/** The export bound to one newsroom's photo store, for the IPC handlers and the CLI. */
export function createExportService(media: Pick<MediaService, 'get' | 'originalFile'>, dataDir: string) {
  const lookup = (id: string): StoredPhoto | undefined => {
    try {
      return media.get(id);
    } catch (error) {
      if (error instanceof NewsroomError && error.code === 'not-found') return undefined;
      throw error;
    }
  };
  return {
    exportStory: (request: Omit<ExportOptions, 'photos' | 'media' | 'dataDir'>) => exportStory({ ...request, photos: lookup, media, dataDir }),
    previewPage: (request: Omit<Parameters<typeof previewPage>[0], 'photos'>) => previewPage({ ...request, photos: lookup }),
  };
}

export type ExportService = ReturnType<typeof createExportService>;
