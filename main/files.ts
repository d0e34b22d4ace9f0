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
