import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNewsroom, type Newsroom } from '../../main/newsroom.js';
import type { NewsroomOptions } from '../../main/newsroom.js';

/** A fresh, empty data directory under the system temp dir; removed by `cleanup`. */
export function tempDataDir(prefix = 'newsroom-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A newsroom over a real SQLite file in a temp dir. */
export function tempNewsroom(options: NewsroomOptions = {}): Newsroom & { cleanup: () => void } {
  const { dir, cleanup } = tempDataDir();
  const newsroom = openNewsroom(dir, options);
  return Object.assign(newsroom, {
    cleanup: () => {
      newsroom.close();
      cleanup();
    },
  });
}
