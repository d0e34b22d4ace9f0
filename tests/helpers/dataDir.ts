import { afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallerContext, Profile } from '../../common/contract/index.js';
import { createDoor, type Door, type Platform } from '../../main/handlers.js';
import { openNewsroom, type Newsroom, type NewsroomOptions } from '../../main/newsroom.js';

/** A fresh, empty data directory under the system temp dir; removed by `cleanup`. */
export function tempDataDir(prefix = 'newsroom-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // Retried: a file a just-stopped process was writing can make a folder briefly not empty (ENOTEMPTY).
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }) };
}

export interface TestNewsroomOptions extends NewsroomOptions {
  /** What the system dialogs answer in this test. */
  platform?: Partial<Platform>;
}

export type TestNewsroom = Newsroom & { door: Door; cleanup: () => void };

/** A newsroom over a real SQLite file in a temp dir, with the door an entry would compose over it. */
export function tempNewsroom(options: TestNewsroomOptions = {}): TestNewsroom {
  const { dir, cleanup } = tempDataDir();
  const { platform, ...open } = options;
  const newsroom = openNewsroom(dir, open);
  return Object.assign(newsroom, {
    door: createDoor(newsroom, platform),
    cleanup: () => {
      newsroom.close();
      cleanup();
    },
  });
}

/** The caller context of a test acting as `actor` (null: nobody has said who they are). */
export function by(actor: Profile | null): CallerContext {
  return { origin: 'test', actor };
}

/** What a test file makes per test and has removed after each one. */
export interface MadePerTest {
  /** Removes these after the test (last made, first removed). */
  push(...cleanups: (() => void)[]): void;
  /** A fresh data dir, removed after the test. */
  dataDir(prefix?: string): string;
  /** A fresh newsroom on its own data dir, closed and removed after the test. */
  newsroom(options?: TestNewsroomOptions): TestNewsroom;
}

/**
 * The one clean-up block every store test needs: call once at the top of a test file, then make
 * data dirs and newsrooms through it; each is removed after the test that made it.
 */
export function removedAfterEach(): MadePerTest {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length > 0) cleanups.pop()?.();
  });
  return {
    push: (...more) => {
      cleanups.push(...more);
    },
    dataDir: (prefix) => {
      const made = tempDataDir(prefix);
      cleanups.push(made.cleanup);
      return made.dir;
    },
    newsroom: (options) => {
      const made = tempNewsroom(options);
      cleanups.push(made.cleanup);
      return made;
    },
  };
}
