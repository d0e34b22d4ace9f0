/**
 * The thread that owns the windows while the engine works: the longest stall of its event loop
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution) in the process that holds the engine client,
 * as the app's main process does, while the engine (dist/engine.mjs, a process of its own) runs a
 * worst-case search, a 7 MB import, the start-up check of a large store and a 1,000-story export
 * batch. The figures are the stalls, not the durations: the work may take seconds, the window
 * must not notice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startEngineHost, type EngineHost } from '../main/engine/host.js';
import { nodeEngine } from '../main/engine/nodeProcess.js';
import { openNewsroom } from '../main/newsroom.js';
import { by } from '../tests/helpers/dataDir.js';
import { bodyOfWords } from '../tests/helpers/documents.js';
import { corpus, seedStories } from './store.js';

export const ENGINE_BUNDLE = path.resolve(import.meta.dirname, '../dist/engine.mjs');

export interface Stall {
  /** Longest event-loop stall of this thread meanwhile, in ms. */
  stallMs: number;
  /** How long the work took, in ms (for the record). */
  tookMs: number;
}

/** Runs `work` while watching this thread's event loop. */
export async function stallDuring(work: () => Promise<unknown>): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // A settled loop first, so the histogram starts from a quiet thread.
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.enable();
  const start = performance.now();
  await work();
  const tookMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  return { stallMs: histogram.max / 1e6, tookMs };
}

/** A 7 MB HTML page of wire copy (the size the issue measured). */
function sevenMegabyteHtml(): Uint8Array {
  const { word } = corpus(11);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < 7 * 1024 * 1024) {
    const p = `<p>${Array.from({ length: 80 }, word).join(' ')}.</p>\n`;
    paragraphs.push(p);
    size += p.length;
  }
  return new TextEncoder().encode(`<!doctype html><html><head><title>Wire dump</title></head><body><h1>Everything the wire sent today</h1>\n${paragraphs.join('')}</body></html>`);
}

async function ok<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export interface EngineStalls {
  stories: number;
  search: Stall;
  import7mb: Stall & { outcome: string };
  startCheck: Stall;
  exportBatch: Stall & { stories: number };
}

export async function benchEngineStalls(count: number): Promise<EngineStalls> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-engine-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-export-'));
  const batchStories = 1_000;
  let host: EngineHost | null = null;
  try {
    seedStories(dir, count);
    {
      const newsroom = openNewsroom(dir);
      const editor = newsroom.profiles.create({ name: 'Bench Editor', roles: ['editor', 'reporter'] });
      newsroom.settings.set({ allowSelfApproval: true });
      newsroom.db.transaction(() => {
        for (let i = 0; i < batchStories; i += 1) {
          let s = newsroom.stories.create({ fields: { headline: `Story ${i} of the batch`, byline: ['Ana Lima'], dateline: { place: 'KYIV', date: '2026-11-24' } }, body: bodyOfWords(600, i) }, by(editor));
          s = newsroom.workflow.move({ id: s.id, version: s.version, action: 'file' }, by(editor));
          newsroom.workflow.move({ id: s.id, version: s.version, action: 'approve' }, by(editor));
        }
      })();
      newsroom.db.pragma('wal_checkpoint(TRUNCATE)');
      newsroom.close();
    }
    const started = startEngineHost({ spawn: nodeEngine({ entry: ENGINE_BUNDLE }), dataDir: dir, platform: { chooseExportFolder: async () => out }, restarts: 0 });
    host = started;
    await started.started;
    // The start-up check as after an unclean shutdown: every page read (quick_check).
    const startCheck = await stallDuring(() => started.request({ what: 'check', dataDir: dir, level: 'quick' }));
    await started.open();
    const { vocabulary } = corpus();
    const caller = { origin: 'window' as const, as: 'Bench Editor' };
    const search = await stallDuring(async () => {
      for (let i = 0; i < 5; i += 1) await ok(started.invoke(caller, 'story:search', { query: vocabulary[0] as string, limit: 50 }));
    });
    const html = sevenMegabyteHtml();
    let outcome = '';
    const import7mb = await stallDuring(async () => {
      const answer = await started.invoke(caller, 'import:file', { name: 'wire-dump.html', bytes: html });
      outcome = answer.ok ? 'imported' : `refused: ${answer.error.message.slice(0, 80)}`;
    });
    const exportBatch = await stallDuring(() => ok(started.invoke(caller, 'export:approved', {}, { job: 'bench-export' })));
    return { stories: count, search, import7mb: { ...import7mb, outcome }, startCheck, exportBatch: { ...exportBatch, stories: batchStories } };
  } finally {
    await host?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}
