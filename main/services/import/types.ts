/**
 * What importing a file gives back: the story's fields and body as data, never written anywhere.
 * The caller stores the embedded pictures and writes the one story in one transaction, so a file
 * that fails half-way leaves nothing behind.
 */
import type { StoryDocument } from '../../../common/document.js';
import type { Dateline } from '../../../common/story.js';

export const IMPORT_FORMATS = ['text', 'markdown', 'html', 'docx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The story fields an imported file can fill; the rest (desk, language default) are the caller's. */
export interface ImportedFields {
  headline: string;
  standfirst: string;
  byline: string[];
  dateline: Dateline;
  /** The wire agency named in the dateline, "LONDON (Reuters) —": no story field holds it yet. */
  agency: string;
  /** From `<html lang>` when the file says; otherwise '' and the caller picks the desk's language. */
  language: string;
}

/** A picture embedded in the file (a .docx photo, an HTML data: URI), for the photo store. */
export interface ImportedPicture {
  /** A file name for the store's `originalName`: "report-picture-1.png". */
  name: string;
  bytes: Uint8Array;
  contentType: string;
  /** Index in `body.root.children` of the photo placeholder waiting for this picture. */
  block: number;
  alt: string;
  caption: string;
}

/** A footnote or a Word comment, kept beside the story rather than in its text. */
export interface ImportedNote {
  kind: 'footnote' | 'comment';
  text: string;
  /** Who wrote a Word comment, as Word labels them (initials): "MW". */
  author?: string;
  /** The words the note is attached to and the block holding them, when the file says. */
  anchor?: { quote: string; block?: number };
}

export interface ImportReport {
  /** Text taken out of the story, with the reason: web leftovers such as "Share this article". */
  removed: { text: string; why: string }[];
  /** Markup dropped while sanitising HTML, counted: `{ what: 'script element', count: 3 }`. */
  dropped: { what: string; count: number }[];
  /** Everything the reporter should check: flattened tables, unreadable characters, missing pictures. */
  warnings: string[];
}

export interface ImportedStory {
  /** The file's name (no folders) and the format its content was read as. */
  source: { name: string; format: ImportFormat };
  fields: ImportedFields;
  /** Valid per `parseStoryDocument`; photo placeholders (photoId '') wait for `photos`. */
  body: StoryDocument;
  photos: ImportedPicture[];
  notes: ImportedNote[];
  report: ImportReport;
}

/** Size limits checked before a file is read or unpacked. */
export interface ImportLimits {
  /** .txt, .md, .html: larger is not a story. */
  textBytes: number;
  /** .docx as stored (photos included). */
  docxBytes: number;
  /** All parts of a .docx unpacked: refuses zip bombs before anything is inflated for real. */
  docxUnpackedBytes: number;
  docxEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  textBytes: 10 * 1024 * 1024,
  docxBytes: 50 * 1024 * 1024,
  docxUnpackedBytes: 150 * 1024 * 1024,
  docxEntries: 5_000,
};
