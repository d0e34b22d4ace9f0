/**
 * Importing a story file: plain text, Markdown, HTML or Word (.docx), recognised by its content
 * first and its name second. Everything but reading the file is pure: the result is data the
 * caller stores (pictures through the photo store, then the story in one transaction), so a file
 * that is refused half-way leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_BODY_JSON_CHARS, type PhotoNodeJSON, type StoryDocument } from '../../../common/document.js';
import { NewsroomError } from '../../../common/errors.js';
import { MAX_HEADLINE_CHARS, MAX_STANDFIRST_CHARS } from '../../../common/story.js';
import { decodeText, declaredCharset, NotText } from './decode.js';
import { draftFromDocx, NotWord } from './docx.js';
import { estimateBodyChars, inlineText, isTextBlock, tidyBlocks, toStoryDocument, type Draft, type DraftBlock, type DraftInline } from './draft.js';
import { draftFromHtml } from './html.js';
import { draftFromMarkdown } from './markdown.js';
import { shapeStory } from './shape.js';
import { draftFromPlainText } from './text.js';
import { isZip } from './zip.js';
import { DEFAULT_IMPORT_LIMITS, type ImportedNote, type ImportedPicture, type ImportedStory, type ImportFormat, type ImportLimits } from './types.js';

export * from './types.js';

export interface ImportOptions {
  limits?: Partial<ImportLimits>;
}

/** What the file is, by its first bytes and then its name; files that are not stories are refused. */
export type Sniffed = { format: ImportFormat } | { refuse: string };

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

export function sniffFormat(name: string, head: Uint8Array): Sniffed {
  const ext = path.extname(name).toLowerCase();
  if (isZip(head)) return { format: 'docx' };
  if (ascii(head, 0, 8) === '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1') {
    return { refuse: 'it is an old Word 97–2003 (.doc) file or a password-protected document: open it in Word and save it as .docx without a password' };
  }
  if (ascii(head, 0, 5) === '%PDF-') return { refuse: 'it is a PDF: copy the text into a .txt file or save the story from Word as .docx' };
  if (ascii(head, 0, 5) === '{\\rtf') return { refuse: 'it is a Rich Text (.rtf) file: save it from your editor as .docx' };
  if ((head[0] === 0xff && head[1] === 0xd8) || ascii(head, 1, 3) === 'PNG' || ascii(head, 0, 4) === 'GIF8' || (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP')) {
    return { refuse: 'it is a picture: add it to a story with "Add photo"' };
  }
  if (ext === '.docx' || ext === '.docm' || ext === '.dotx') return { refuse: 'it is not a Word document (a .docx is a zip archive and this is not one): open it in Word and save it as .docx again' };
  const start = new TextDecoder('latin1').decode(head.subarray(0, 1024)).replace(/^\uFEFF|^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/, '').replace(/\0/g, '').trimStart().toLowerCase();
  const looksHtml = /^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<!--)/.test(start) || (ext !== '.md' && /^<(?:p|div|article|section|h[1-6])[\s>]/.test(start));
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || looksHtml) return { format: 'html' };
  if (ext === '.md' || ext === '.markdown' || ext === '.mdown' || ext === '.mkd') return { format: 'markdown' };
  // A text file that opens with a Markdown headline is Markdown, whatever it is called.
  if (/^#{1,2} \S/.test(start)) return { format: 'markdown' };
  return { format: 'text' };
}

function refuse(name: string, what: string, details?: Record<string, unknown>): NewsroomError {
  return new NewsroomError('invalid-argument', `${name}: ${what}`, details);
}

function limitFor(format: ImportFormat, limits: ImportLimits): number {
  return format === 'docx' ? limits.docxBytes : limits.textBytes;
}

function tooBig(name: string, size: number, limit: number): NewsroomError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
  return refuse(name, `the file is ${mb(size)}, over the ${mb(limit)} limit for a story: split it or remove what is not the story`, { bytes: size, limit });
}

/** Reads a story file from disk (only its first bytes until it is known to be small enough). */
export async function importStoryFile(source: string | { name: string; bytes: Uint8Array }, options: ImportOptions = {}): Promise<ImportedStory> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (typeof source !== 'string') return importStoryBytes(source.name, source.bytes, options);
  const name = path.basename(source);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(source, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(name, code === 'ENOENT' ? 'the file does not exist: check the name and folder' : `the file cannot be opened (${code ?? (error as Error).message})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refuse(name, 'it is a folder or device, not a file');
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sniffed = sniffFormat(name, head.subarray(0, bytesRead));
    if ('refuse' in sniffed) throw refuse(name, sniffed.refuse);
    const limit = limitFor(sniffed.format, limits);
    if (stat.size > limit) throw tooBig(name, stat.size, limit);
    const bytes = new Uint8Array(await handle.readFile());
    return await importStoryBytes(name, bytes, options);
  } finally {
    await handle.close();
  }
}

/** Imports a file already in memory (a file dropped on the window, a test's bytes). */
export async function importStoryBytes(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportedStory> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const name = path.basename(fileName.replace(/\\/g, '/')).slice(0, 255) || 'file';
  const sniffed = sniffFormat(name, bytes.subarray(0, 4096));
  if ('refuse' in sniffed) throw refuse(name, sniffed.refuse);
  const limit = limitFor(sniffed.format, limits);
  if (bytes.byteLength > limit) throw tooBig(name, bytes.byteLength, limit);
  let draft: Draft;
  try {
    if (sniffed.format === 'docx') {
      draft = await draftFromDocx(bytes, limits);
    } else {
      const decoded = decodeText(bytes, { charset: sniffed.format === 'html' ? declaredCharset(bytes) : null });
      draft =
        sniffed.format === 'html'
          ? draftFromHtml(decoded.text, { collapseWhitespace: true })
          : sniffed.format === 'markdown'
            ? draftFromMarkdown(decoded.text)
            : draftFromPlainText(decoded.text);
      draft.warnings.unshift(...decoded.warnings);
    }
  } catch (error) {
    if (error instanceof NotText || error instanceof NotWord) throw refuse(name, error.message);
    throw error;
  }
  return finishImport(name, sniffed.format, draft);
}

/** The words before a note's marker in its block: what the note is about. */
function quoteBefore(inlines: readonly DraftInline[], ref: string): string | null {
  let before = '';
  for (const inline of inlines) {
    if (inline.kind === 'note' && inline.ref === ref) {
      const words = before.replace(/\s+/g, ' ').trim();
      if (words.length <= 80) return words;
      const cut = words.slice(-80);
      return cut.slice(cut.indexOf(' ') + 1);
    }
    if (inline.kind === 'link') before += inlineText(inline.children);
    else before += inlineText([inline]);
  }
  return null;
}

function noteAnchors(blocks: readonly DraftBlock[], ref: string): ImportedNote['anchor'] {
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as DraftBlock;
    const runs: DraftInline[][] = isTextBlock(block) ? [block.inlines] : block.kind === 'list' ? block.items.map((item) => item.inlines) : [];
    for (const inlines of runs) {
      const quote = quoteBefore(inlines, ref);
      if (quote !== null) return { quote, block: i };
    }
  }
  return undefined;
}

function clip(value: string, max: number, what: string, warnings: string[]): string {
  if (value.length <= max) return value;
  warnings.push(`The ${what} was over ${max} characters and was cut: check it`);
  return value.slice(0, max);
}

function finishImport(name: string, format: ImportFormat, draft: Draft): ImportedStory {
  // HTML and Word drafts come tidied from the HTML reader; shaping tidies what it changes.
  const tidied = format === 'html' || format === 'docx' ? draft.blocks : tidyBlocks(draft.blocks, false);
  const shaped = shapeStory(tidied, format, draft.title === undefined ? {} : { title: draft.title });
  const blocks = shaped.blocks;
  const warnings = [...draft.warnings, ...shaped.warnings];

  const hasText = blocks.some((b) => b.kind !== 'photo');
  if (!hasText && shaped.headline === '' && blocks.length === 0 && draft.notes.length === 0) {
    throw refuse(name, 'the file has no text and no pictures: there is nothing to import');
  }
  if (!hasText) warnings.push('The story has no body text yet');

  const estimate = estimateBodyChars(blocks);
  if (estimate > MAX_BODY_JSON_CHARS) {
    throw refuse(name, `the story would be about ${(estimate / 1_000_000).toFixed(0)} MB, over the ${MAX_BODY_JSON_CHARS / 1_000_000} MB limit for a story body: split it into several stories`, {
      chars: estimate,
      limit: MAX_BODY_JSON_CHARS,
    });
  }
  let body: StoryDocument;
  try {
    body = toStoryDocument(blocks);
  } catch (error) {
    if (error instanceof NewsroomError) throw refuse(name, error.message, error.details);
    throw error;
  }

  const photos: ImportedPicture[] = [];
  const stem = path.basename(name, path.extname(name)).replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80) || 'picture';
  blocks.forEach((block, index) => {
    if (block.kind !== 'photo' || block.picture === undefined) return;
    const picture = draft.pictures[block.picture];
    if (!picture) return;
    const ext = picture.contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
    photos.push({ name: `${stem}-${photos.length + 1}.${ext}`, bytes: picture.bytes, contentType: picture.contentType, block: index, alt: block.node.alt, caption: block.node.caption });
  });

  const notes: ImportedNote[] = draft.notes.map((note) => {
    const anchor = noteAnchors(blocks, note.ref);
    return {
      kind: note.kind,
      text: note.text,
      ...(note.author !== undefined ? { author: note.author } : {}),
      ...(anchor !== undefined ? { anchor } : {}),
    };
  });

  const headline = clip(shaped.headline, MAX_HEADLINE_CHARS, 'headline', warnings);
  const standfirst = clip(shaped.standfirst, MAX_STANDFIRST_CHARS, 'standfirst', warnings);
  return {
    source: { name, format },
    fields: {
      headline,
      standfirst,
      byline: shaped.byline.slice(0, 20).map((n) => n.slice(0, 200)),
      dateline: { place: shaped.dateline.place.slice(0, 200), date: shaped.dateline.date },
      agency: shaped.agency,
      language: draft.language ?? '',
    },
    body,
    photos,
    notes,
    report: {
      removed: draft.removed,
      dropped: [...draft.dropped.entries()].map(([what, count]) => ({ what, count })).sort((a, b) => b.count - a.count || a.what.localeCompare(b.what)),
      warnings,
    },
  };
}

/**
 * Puts a stored photo where its placeholder was, keeping what the file said (caption, alt text,
 * credit) over what the photo's own metadata pre-filled.
 */
export function withStoredPhoto(body: StoryDocument, block: number, stored: PhotoNodeJSON): StoryDocument {
  const placeholder = body.root.children[block];
  if (placeholder?.type !== 'photo' || placeholder.photoId !== '') return body;
  const fromFile = new Set<PhotoNodeJSON['fromPhoto'][number] | 'alt'>();
  const pick = <T extends string | string[]>(field: PhotoNodeJSON['fromPhoto'][number] | 'alt', mine: T, theirs: T): T => {
    if (mine.length === 0) return theirs;
    fromFile.add(field);
    return mine;
  };
  const node: PhotoNodeJSON = {
    ...stored,
    caption: pick('caption', placeholder.caption.trim(), stored.caption),
    alt: pick('alt', placeholder.alt.trim(), stored.alt),
    credit: {
      photographers: pick('photographers', placeholder.credit.photographers, stored.credit.photographers),
      agency: pick('agency', placeholder.credit.agency, stored.credit.agency),
      via: pick('via', placeholder.credit.via, stored.credit.via),
      copyright: pick('copyright', placeholder.credit.copyright, stored.credit.copyright),
      usageTerms: pick('usageTerms', placeholder.credit.usageTerms, stored.credit.usageTerms),
    },
    layout: placeholder.layout,
  };
  // Fields the file gave are the reporter's own words: no longer "pre-filled, please check".
  node.fromPhoto = stored.fromPhoto.filter((field) => !fromFile.has(field));
  const children = [...body.root.children];
  children[block] = node;
  return { root: { ...body.root, children } };
}
