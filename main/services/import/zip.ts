/**
 * A .docx is a zip archive. Before mammoth (through JSZip) unpacks one, we read the archive's
 * central directory ourselves and refuse what would cost too much: too many parts, or parts that
 * unpack to more than the limit (a zip bomb). JSZip only compares an entry's real size with the
 * declared one after inflating all of it, so each entry is also inflated here with a hard output
 * cap of its declared size: an archive that lies about its sizes is refused before JSZip runs.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

export class ZipProblem extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** The archive's table of contents, from its central directory. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipProblem('the archive is damaged or cut short (no zip directory at its end)');
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipProblem('it is a ZIP64 archive, far larger than any story');
  }
  if (count > maxEntries) throw new ZipProblem(`it holds ${count} parts, over the limit of ${maxEntries}`);
  if (directoryOffset + directorySize > end) throw new ZipProblem('the archive is damaged (its directory points outside the file)');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  const names = new TextDecoder('utf-8');
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw new ZipProblem('the archive is damaged (unreadable directory entry)');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeader === 0xffffffff) {
      throw new ZipProblem('it is a ZIP64 archive, far larger than any story');
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses archives that would unpack past `maxBytes`, by the directory and by inflating for real. */
export function checkUnpackedSize(bytes: Uint8Array, entries: readonly ZipEntry[], maxBytes: number): void {
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxBytes) {
    throw new ZipProblem(`it would unpack to ${(declared / 1024 / 1024).toFixed(0)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MB limit (a zip bomb?)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if ((entry.flags & 1) !== 0) throw new ZipProblem('it is password-protected: remove the password in Word and save it again');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipProblem(`part "${entry.name}" uses a compression Word does not write (method ${entry.method})`);
    const local = entry.localHeader;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new ZipProblem('the archive is damaged (a part is missing)');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipProblem('the archive is cut short');
    if (entry.method === 0) {
      if (entry.size !== entry.compressedSize) throw new ZipProblem(`part "${entry.name}" is damaged`);
      continue;
    }
    let size: number;
    try {
      size = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new ZipProblem(`part "${entry.name}" unpacks to more than the ${entry.size} bytes it declares (a zip bomb?)`);
      }
      throw new ZipProblem(`part "${entry.name}" is damaged (${(error as Error).message})`);
    }
    if (size !== entry.size) throw new ZipProblem(`part "${entry.name}" is damaged (its size does not match)`);
  }
}
