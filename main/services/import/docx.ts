/**
 * Word documents: the archive is checked first (zip.ts), then mammoth turns the document into
 * plain semantic HTML (headings, lists, bold, italic, links, tables, footnotes, comments) and that
 * HTML goes through the same sanitising reader as a web page, keeping the spaces the reporter typed.
 * Embedded pictures come back as bytes for the photo store; mammoth never reads files outside the
 * document (`externalFileAccess: false`), so a .docx cannot pull in a file from the reporter's disk.
 */
import { loadMammoth } from '../libraries.js';
import { countDropped, type Draft } from './draft.js';
import { draftFromHtml } from './html.js';
import { ZipProblem, checkUnpackedSize, readZipDirectory } from './zip.js';
import type { ImportLimits } from './types.js';

/** Picture types the photo store takes (see media.ts); Word's EMF/WMF drawings are not among them. */
const STORABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/avif']);

export class NotWord extends Error {}

function whatArchive(names: Set<string>, mimetype: string): string {
  if (mimetype.startsWith('application/vnd.oasis.opendocument')) return 'it is an OpenDocument file (LibreOffice, Pages export): save it as .docx';
  if ([...names].some((n) => n.startsWith('xl/'))) return 'it is an Excel workbook, not a Word document';
  if ([...names].some((n) => n.startsWith('ppt/'))) return 'it is a PowerPoint presentation, not a Word document';
  if (names.has('index.xml') || [...names].some((n) => n.endsWith('.iwa'))) return 'it is a Pages document: export it as Word (.docx)';
  return 'it is a zip archive but not a Word document: save the story as .docx';
}

/**
 * What went wrong inside a Word file, in words a reporter can use: a program error (TypeError and
 * the like, thrown by the reader on a part it did not expect) is never shown as it is (issue 11).
 */
function wordProblem(error: unknown): string {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || !(error instanceof Error)) {
    return 'a picture, link or other part points at something missing from the file';
  }
  return error.message.split('\n')[0] ?? 'it is damaged';
}

export async function draftFromDocx(bytes: Uint8Array, limits: ImportLimits): Promise<Draft> {
  let entries;
  try {
    entries = readZipDirectory(bytes, limits.docxEntries);
    checkUnpackedSize(bytes, entries, limits.docxUnpackedBytes);
  } catch (error) {
    if (error instanceof ZipProblem) throw new NotWord(error.message);
    throw error;
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('word/document.xml')) {
    const mimetype = entries.find((e) => e.name === 'mimetype' && e.method === 0);
    let declared = '';
    if (mimetype) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const start = mimetype.localHeader + 30 + view.getUint16(mimetype.localHeader + 26, true) + view.getUint16(mimetype.localHeader + 28, true);
      declared = new TextDecoder().decode(bytes.subarray(start, start + mimetype.size));
    }
    throw new NotWord(whatArchive(names, declared));
  }

  const pictures: { bytes: Uint8Array; contentType: string }[] = [];
  const wordPictures = new Map<string, number>();
  const warnings: string[] = [];
  let skipped = 0;
  const mammoth = await loadMammoth();
  const convertImage = mammoth.images.imgElement(async (image) => {
    const contentType = image.contentType.toLowerCase();
    if (!STORABLE.has(contentType)) {
      skipped += 1;
      const src = `newsroom-picture:unsupported-${skipped}`;
      wordPictures.set(src, -1);
      warnings.push(`A picture in ${contentType.replace('image/', '').toUpperCase()} format cannot be stored: export it as JPEG or PNG and add it to the photo placeholder`);
      return { src };
    }
    const data = await image.readAsBuffer();
    const index = pictures.push({ bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), contentType }) - 1;
    const src = `newsroom-picture:${index}`;
    wordPictures.set(src, index);
    return { src };
  });

  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        convertImage,
        externalFileAccess: false,
        // Word's "Title" is the headline and its "Subtitle" (as an italic line under it) the standfirst;
        // comment references are kept so comments become notes.
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh > em:fresh", 'comment-reference => sup'],
      },
    );
  } catch (error) {
    throw new NotWord(`Word could not read it (${wordProblem(error)}): open it in Word, save it again and retry`);
  }
  const draft = draftFromHtml(result.value, { collapseWhitespace: false, wordPictures });
  draft.pictures = pictures;
  draft.warnings.unshift(...warnings);
  for (const message of result.messages) {
    if (/Unrecognised (?:paragraph|run) style/.test(message.message)) {
      countDropped(draft, 'Word style without a Newsroom equivalent (text kept)');
    } else if (message.type === 'error') {
      // Mammoth reports an exception it caught as an "error" message with the program's own text.
      draft.warnings.push(`Part of the Word document could not be read and was left out (${wordProblem(message.error ?? new Error(message.message))}): compare the story with the original, or open it in Word, save it again and import it again`);
    } else {
      draft.warnings.push(`Word: ${message.message}`);
    }
  }
  return draft;
}
