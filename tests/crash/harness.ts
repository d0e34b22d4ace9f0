/**
 * The crash harness: a writer process saves a story through the real store while this one kills
 * it with SIGKILL at random moments, then reopens the store and checks that it is intact
 * (`PRAGMA integrity_check` is 'ok') and holds every save the writer acknowledged: the stored
 * version is never behind the last `ack`, and at that version the body is the acknowledged one.
 *
 * What this proves and what it does not: SIGKILL stops the process mid-write, mid-commit or
 * mid-checkpoint, so it tests that a save is acknowledged only after its transaction commits and
 * that SQLite's WAL recovers from any interrupted write. The kernel still holds whatever the
 * process wrote, so it does not simulate a power cut (unsynced pages lost); that is what
 * `synchronous=FULL` is for, and needs a file system that drops unsynced writes to test.
 *
 * Delays come from a seeded generator and the seed is printed, so a failing sequence can be
 * replayed (`--seed`); timing still varies from run to run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openNewsroom } from '../../main/newsroom.js';
import { NewsroomError } from '../../common/errors.js';
import { CRASH_STORY_SLUG, parseWriterLine } from './protocol.js';
import { seededRandom } from './random.js';

export { seededRandom };

const REPO = path.resolve(import.meta.dirname, '../..');
/** A writer that has acknowledged nothing this long after `go` is killed anyway (and shows as no ack). */
const PROGRESS_TIMEOUT_MS = 30_000;

export interface CrashHarnessOptions {
  kills: number;
  /** Seeds the kill delays; random (and printed) when absent. */
  seed?: number;
  /** A data dir to use (kept afterwards); by default a temp dir, removed unless something failed. */
  dataDir?: string;
  /** Longest wait before the kill, in ms, from the writer's first ack (or from `go` for one kill in eight); default 150. */
  maxDelayMs?: number;
  /** Import a photo every this many saves (0, the default: never). */
  photoEvery?: number;
  /**
   * Writers started ahead, waiting for `go`, to hide Node's start-up time (default 1). More ahead
   * saves a little time but the loading writers take CPU from the one being killed.
   */
  prespawn?: number;
  /** Progress and the seed; default console.log. */
  log?: (line: string) => void;
}

export interface CrashHarnessResult {
  seed: number;
  kills: number;
  /** Kills after which the store opened, passed its check and held every acknowledged save. */
  survived: number;
  /** `ack` lines read: saves the writer reported committed. */
  acknowledgedSaves: number;
  acknowledgedPhotos: number;
  /** Reopens where the store failed to open or `integrity_check` was not 'ok'. */
  integrityFailures: number;
  /** Reopens where the store was behind the last ack, or differed from it at the same version. */
  lostAcks: number;
  /**
   * Reopens that found the store ahead of the last ack: a kill landed after a commit reached the
   * kernel and before its ack (mostly during the commit's fsync, which SIGKILL does not undo). Allowed.
   */
  committedBeforeAck: number;
  /** Writers that died on their own rather than by our SIGKILL. */
  writerErrors: number;
  /** Each failure in words, with the kill number and delay. */
  failures: string[];
  dataDir: string;
  ms: number;
  /** Of `ms`, the time spent reopening and checking the store. */
  checkMs: number;
}

export interface Acknowledged {
  save: { version: number; sha256: string } | null;
  photos: ReadonlySet<string>;
  /**
   * How many saves may have committed unacknowledged since `save`: each writer has at most one
   * save in flight when it is killed, so 1 for the writer that sent the ack, plus one for every
   * writer since that sent none.
   */
  unackedAllowed: number;
}

export interface StoreCheck {
  integrity: string[];
  lost: string[];
  storedVersion: number | null;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Reopens the store as the app would and compares it with what was acknowledged. Exported so a
 * test can show the check catches a store behind its ack.
 */
export function checkStoreAfterKill(dataDir: string, acked: Acknowledged): StoreCheck {
  const result: StoreCheck = { integrity: [], lost: [], storedVersion: null };
  let newsroom;
  try {
    newsroom = openNewsroom(dataDir);
  } catch (error) {
    result.integrity.push(`the store did not open: ${(error as Error).message}`);
    return result;
  }
  try {
    const integrity = (newsroom.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') result.integrity.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);

    let story = null;
    try {
      story = newsroom.stories.get(CRASH_STORY_SLUG);
    } catch (error) {
      if (!(error instanceof NewsroomError && error.code === 'not-found')) throw error;
    }
    result.storedVersion = story?.version ?? null;
    const ack = acked.save;
    if (ack !== null) {
      if (story === null) result.lost.push(`the story is gone, but version ${ack.version} was acknowledged`);
      else if (story.version < ack.version) result.lost.push(`the store is at version ${story.version}, behind the acknowledged ${ack.version}`);
      else if (story.version === ack.version && sha256(story.body) !== ack.sha256) {
        result.lost.push(`version ${ack.version} is stored with a body other than the acknowledged one`);
      }
    }
    const ceiling = (ack?.version ?? 0) + acked.unackedAllowed;
    if (story !== null && story.version > ceiling) {
      result.lost.push(`the store is at version ${story.version}, past the ${ceiling} its writers could have reached`);
    }
    for (const id of acked.photos) {
      try {
        newsroom.media.get(id);
      } catch {
        result.lost.push(`photo ${id} was acknowledged but has no record`);
      }
    }
    // Every photo record, acknowledged or not, must have its original: media.ts writes the file first.
    for (const id of newsroom.db.prepare('SELECT id FROM photos').pluck().all() as string[]) {
      const file = newsroom.media.originalFile(id);
      if (!fs.existsSync(file)) result.integrity.push(`photo ${id} has a record but no original`);
      else if (sha256(fs.readFileSync(file)) !== id) result.integrity.push(`photo ${id}: the original's checksum does not match`);
    }
  } finally {
    newsroom.close();
  }
  return result;
}

/** Bundles the writer once (esbuild, packages left external): it starts in a fraction of tsx's time. */
async function bundleWriter(): Promise<string> {
  const outDir = path.join(REPO, 'node_modules', '.cache', 'newsroom-crash');
  fs.mkdirSync(outDir, { recursive: true });
  // Inside the repo, so the bundle's bare imports (better-sqlite3, sharp) resolve from node_modules.
  const outfile = path.join(outDir, `writer-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [path.join(REPO, 'tests', 'crash', 'writer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

interface Writer {
  process: ChildProcess;
  loaded: Promise<void>;
  /** Resolves at the writer's first acknowledged save (its first photo, when it imports photos). */
  progressed: Promise<void>;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
  go(): void;
}

export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashHarnessResult> {
  const started = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const log = options.log ?? ((line: string) => console.log(line));
  const maxDelay = options.maxDelayMs ?? 150;
  const photoEvery = options.photoEvery ?? 0;
  const random = seededRandom(seed);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-crash-'));
  fs.mkdirSync(dataDir, { recursive: true });
  log(`crash harness: seed ${seed}, ${options.kills} kills, data dir ${dataDir}${photoEvery > 0 ? `, a photo every ${photoEvery} saves` : ''}`);

  const script = await bundleWriter();
  const result: CrashHarnessResult = {
    seed,
    kills: 0,
    survived: 0,
    acknowledgedSaves: 0,
    acknowledgedPhotos: 0,
    integrityFailures: 0,
    lostAcks: 0,
    committedBeforeAck: 0,
    writerErrors: 0,
    failures: [],
    dataDir,
    ms: 0,
    checkMs: 0,
  };
  // Updated by the writers' stdout handlers as lines arrive.
  const acked: { save: Acknowledged['save']; photos: Set<string>; unackedAllowed: number } = {
    save: null,
    photos: new Set(),
    unackedAllowed: 0,
  };

  function startWriter(): Writer {
    const child = spawn(process.execPath, [script, dataDir, String(photoEvery)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let pending = '';
    let onLoaded: () => void = () => undefined;
    let onFailed: (error: Error) => void = () => undefined;
    const loaded = new Promise<void>((resolve, reject) => {
      onLoaded = resolve;
      onFailed = reject;
    });
    // A writer started ahead and killed unused at the end never loads: nobody awaits that rejection.
    loaded.catch(() => undefined);
    let onProgress: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => {
      onProgress = resolve;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = parseWriterLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        if (line?.kind === 'loaded') onLoaded();
        else if (line?.kind === 'ack') {
          acked.save = { version: line.version, sha256: line.sha256 };
          acked.unackedAllowed = 1;
          if (photoEvery === 0) onProgress();
          result.acknowledgedSaves += 1;
        } else if (line?.kind === 'photo') {
          acked.photos.add(line.id);
          onProgress();
          result.acknowledgedPhotos += 1;
        }
      }
    });
    // 'close', not 'exit': it comes after stdout is drained, so every ack written has been read.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('close', (code, signal) => {
        onFailed(new Error(`the writer exited before loading (code ${code}, signal ${signal}): ${stderr.trim()}`));
        onProgress();
        resolve({ code, signal });
      });
    });
    child.stdin?.on('error', () => undefined);
    return { process: child, loaded, progressed, closed, stderr: () => stderr, go: () => child.stdin?.write('go\n') };
  }

  const waiting: Writer[] = [];
  const ahead = Math.max(0, options.prespawn ?? 1);
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      while (waiting.length < Math.min(ahead + 1, options.kills - kill + 1)) waiting.push(startWriter());
      const writer = waiting.shift() as Writer;
      await writer.loaded;
      // One kill in eight is timed from `go`, so it may land while the store opens and recovers its
      // log; the others from the writer's first acknowledged save, so each of those writers saved at
      // least once however slow the machine is (a run always tests saves, and photos when asked).
      const whileOpening = random() < 0.125;
      const delay = whileOpening ? random() * 15 : random() * maxDelay;
      writer.go();
      acked.unackedAllowed += 1;
      if (!whileOpening) await Promise.race([writer.progressed, new Promise((resolve) => setTimeout(resolve, PROGRESS_TIMEOUT_MS))]);
      await new Promise((resolve) => setTimeout(resolve, delay));
      writer.process.kill('SIGKILL');
      const exit = await writer.closed;
      result.kills += 1;
      const where = `kill ${kill} (seed ${seed}, ${delay.toFixed(1)} ms after ${whileOpening ? 'go' : 'the first ack'})`;
      if (exit.signal !== 'SIGKILL') {
        result.writerErrors += 1;
        result.failures.push(`${where}: the writer ended by itself (code ${exit.code}): ${writer.stderr().trim().slice(0, 2000)}`);
      }
      const checkStarted = performance.now();
      const check = checkStoreAfterKill(dataDir, acked);
      result.checkMs += performance.now() - checkStarted;
      if (exit.signal === 'SIGKILL' && check.integrity.length === 0 && check.lost.length === 0) result.survived += 1;
      if (check.integrity.length > 0) {
        result.integrityFailures += 1;
        result.failures.push(...check.integrity.map((p) => `${where}: ${p}`));
      }
      if (check.lost.length > 0) {
        result.lostAcks += 1;
        result.failures.push(...check.lost.map((p) => `${where}: ${p}`));
      }
      if (check.storedVersion !== null && check.storedVersion > (acked.save?.version ?? 0)) result.committedBeforeAck += 1;
      if (kill % 100 === 0) log(`  ${kill} kills, ${result.acknowledgedSaves} acknowledged saves, ${result.failures.length} failures`);
      if (result.failures.length > 50) break;
    }
  } finally {
    for (const writer of waiting) writer.process.kill('SIGKILL');
    await Promise.all(waiting.map((w) => w.closed));
    fs.rmSync(script, { force: true });
  }
  result.ms = Math.round(performance.now() - started);
  result.checkMs = Math.round(result.checkMs);
  if (result.failures.length === 0 && options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  log(
    `crash harness: ${result.survived} of ${result.kills} kills survived, ${result.acknowledgedSaves} acknowledged saves, ${result.acknowledgedPhotos} photos, ` +
      `${result.integrityFailures} integrity failures, ${result.lostAcks} lost acks, ${result.writerErrors} writer errors, ` +
      `${result.committedBeforeAck} kills between commit and ack, ${(result.ms / 1000).toFixed(1)} s (seed ${seed})`,
  );
  return result;
}
