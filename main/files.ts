/**
 * Writing files so a crash or power cut never leaves half of one: write a temporary file beside
 * the target, sync it, rename it over the target, then sync the folder so the rename itself is on
 * disk. Used for photos, exports, packages and anything else the app writes outside SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';

let counter = 0;

/** Writes `data` to `file` atomically; resolves to the number of bytes written. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<number> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  counter += 1;
  const temp = `${file}.${process.pid}.${counter}.tmp`;
  try {
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

/**
 * Writes several files atomically (each its `data`, or a copy of the file `copyOf`), as `writeFileAtomically` does each, but together: the files are
 * written and synced at the same time, and each folder is synced once after its renames, not once
 * per file (an export's dozens of images). Resolves to the bytes written, in order. On a failure,
 * files already renamed into place are whole; no temporary file is left.
 */
export async function writeFilesAtomically(
  files: readonly ({ file: string; data: string | Uint8Array } | { file: string; copyOf: string })[],
): Promise<number[]> {
  const folders = [...new Set(files.map((f) => path.dirname(f.file)))];
  await Promise.all(folders.map((dir) => fs.promises.mkdir(dir, { recursive: true })));
  const written = await Promise.all(
    files.map(async (entry) => {
      const { file } = entry;
      counter += 1;
      const temp = `${file}.${process.pid}.${counter}.tmp`;
      try {
        let bytes: number;
        if ('copyOf' in entry) {
          // Copied by the kernel (copy_file_range, or a reflink where the disk can): an export's
          // images never pass through the engine's memory (issue 15: reading them in was most of
          // its garbage collection).
          await fs.promises.copyFile(entry.copyOf, temp);
          const handle = await fs.promises.open(temp, 'r+');
          try {
            await handle.sync();
            bytes = (await handle.stat()).size;
          } finally {
            await handle.close();
          }
        } else {
          const handle = await fs.promises.open(temp, 'w');
          try {
            await handle.writeFile(entry.data);
            await handle.sync();
          } finally {
            await handle.close();
          }
          bytes = typeof entry.data === 'string' ? Buffer.byteLength(entry.data) : entry.data.byteLength;
        }
        await fs.promises.rename(temp, file);
        return bytes;
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
    }),
  );
  await Promise.all(folders.map((dir) => syncFolder(dir)));
  return written;
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for syncing; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
