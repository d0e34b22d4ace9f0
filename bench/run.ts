/**
 * `npm run bench`: every figure the issues ask for, measured in one run on this machine and
 * written to bench/results/. Machines here are shared and noisy: compare ratios within a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAtScale, benchAutosave } from './store.js';
import { benchDiff, benchExport, benchPackages } from './desk.js';
import { benchHouseStyle } from './houseStyle.js';
import { benchEngineStalls } from './engine.js';
import { ms, type Timing } from './stats.js';
import { benchParsers } from './parsers.js';

interface Figure {
  name: string;
  value: string;
  goal: string;
  met: boolean | null;
}

const figures: Figure[] = [];
const raw: Record<string, unknown> = {};

function record(name: string, value: string, goal: string, met: boolean | null): void {
  figures.push({ name, value, goal, met });
  const mark = met === null ? ' ' : met ? '✓' : '✗';
  console.log(`${mark} ${name.padEnd(58)} ${value.padEnd(34)} goal ${goal}`);
}

function timing(t: Timing): string {
  return `p50 ${ms(t.p50)}, p95 ${ms(t.p95)}, p99 ${ms(t.p99)}`;
}

const scale = Number(process.env.NEWSROOM_BENCH_STORIES ?? 100_000);
console.log(`Newsroom benchmarks · ${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores\n`);

const autosave = benchAutosave(300);
raw.autosave = autosave;
record('autosave, 10,000-word story (document + FTS + revisions)', timing(autosave.autosave), 'p99 ≤ 10 ms', autosave.autosave.p99 <= 10);
record('bare single-row INSERT of the same JSON', timing(autosave.bareInsert), '(baseline)', null);
record('autosave ÷ bare INSERT, p50', autosave.autosaveRatioP50.toFixed(2), '≤ 3', autosave.autosaveRatioP50 <= 3);
record('autosave ÷ bare INSERT, p99', autosave.autosaveRatioP99.toFixed(2), '≤ 3', autosave.autosaveRatioP99 <= 3);

console.log(`\nSeeding ${scale.toLocaleString('en')} stories…`);
const atScale = benchAtScale(scale);
raw.atScale = atScale;
const search = atScale.search;
record(`full-text search, top 50 with snippets, ${scale.toLocaleString('en')} stories`, timing(search.search), 'p95 ≤ 20 ms', search.search.p95 <= 20);
record('search for a word in every story (worst case)', `${timing(search.searchEverywhere)}, max ${ms(search.searchEverywhere.max)}`, 'p95 ≤ 50 ms', search.searchEverywhere.p95 <= 50);
record(`… the query mix (${search.queries} queries, median ${search.matchesP50.toLocaleString('en')} matches, most ${search.matchesMax.toLocaleString('en')}) in CPU time`, timing(search.searchCpu), '(reported)', null);
record('… the worst cases in CPU time', timing(search.searchEverywhereCpu), '(reported)', null);
record('bare FTS5 MATCH … LIMIT 50 (no ranking, no snippets), same queries', timing(search.bareMatch), '(baseline)', null);
record('bare FTS5 MATCH, the worst-case queries', timing(search.bareMatchEverywhere), '(baseline)', null);
record('search ÷ bare MATCH, p50 / p95', `${(search.search.p50 / search.bareMatch.p50).toFixed(1)} / ${(search.search.p95 / search.bareMatch.p95).toFixed(1)}`, '(reported)', null);
record('desk first page (100 rows + count)', timing(atScale.deskFirstPage), '≤ 30 ms', atScale.deskFirstPage.p95 <= 30);
record('desk scroll page at row 50,000', timing(atScale.deskScrollPage), '≤ 30 ms', atScale.deskScrollPage.p95 <= 30);
record('desk page sorted by headline', timing(atScale.deskSortedByHeadline), '≤ 30 ms', atScale.deskSortedByHeadline.p95 <= 30);

const diff = benchDiff();
raw.diff = diff;
record('diff of two revisions of a 10,000-word story', timing(diff), '≤ 100 ms', diff.p95 <= 100);
record(`queue counts at ${scale.toLocaleString('en')} stories`, timing(atScale.queueCounts), '≤ 20 ms', atScale.queueCounts.p95 <= 20);
const packages = await benchPackages();
raw.packages = packages;
record('pack a 10,000-word story with 10 photos', timing(packages.pack), '≤ 500 ms', packages.pack.p50 <= 500);
record('unpack it on another machine', timing(packages.unpack), '≤ 500 ms', packages.unpack.p50 <= 500);
record('package size ÷ the photos’ own bytes', (packages.packageBytes / packages.photoBytes).toFixed(3), '(reported)', null);

const exported = await benchExport();
raw.export = exported;
record('export a 10,000-word story with 10 photos (cached sizes)', timing(exported.single), 'p95 ≤ 100 ms', exported.single.p95 <= 100);
record(`export a batch of ${exported.batchStories.toLocaleString('en')} approved stories`, `${exported.storiesPerSecond.toFixed(0)} stories/s`, '(reported)', null);

const style = benchHouseStyle();
raw.houseStyle = style;
record('house-style re-check after a one-word edit, 2,000-word story', `p50 ${ms(style.p50)}, p95 ${ms(style.p95)}`, 'p95 ≤ 50 ms', style.p95 <= 50);

console.log('\nParsers on hostile input, at n and 4n (growth ×4 is linear, ×16 quadratic)…');
const parsers = await benchParsers();
raw.parsers = parsers;
for (const p of parsers) {
  record(`${p.shape}, ${(p.bytes4 / 1e6).toFixed(1)} MB`, `${ms(p.ms4)} (×${p.growth.toFixed(1)} from ${(p.bytes / 1e6).toFixed(1)} MB)`, `≤ ${p.goalMs} ms`, p.ms4 <= p.goalMs);
}

console.log(`\nThe window's thread while the engine works (${scale.toLocaleString('en')} stories)…`);
const stalls = await benchEngineStalls(scale);
raw.engineStalls = stalls;
const stallFigure = (name: string, stall: { stallMs: number; tookMs: number }) =>
  record(name, `${ms(stall.stallMs)} (the work took ${(stall.tookMs / 1000).toFixed(2)} s)`, '≤ 20 ms', stall.stallMs <= 20);
stallFigure('main-thread stall during a worst-case search (×5)', stalls.search);
stallFigure('main-thread stall during a 7 MB import', stalls.import7mb);
stallFigure(`main-thread stall during the start-up check at ${scale.toLocaleString('en')} stories`, stalls.startCheck);
stallFigure(`main-thread stall during a ${stalls.exportBatch.stories.toLocaleString('en')}-story export batch`, stalls.exportBatch);

const browser = await import('./browser.js').then((m) => m.benchBrowser()).catch((error: Error) => {
  console.log(`\nBrowser benchmarks did not run: ${error.message}`);
  return null;
});
if (browser) {
  raw.browser = browser;
  for (const figure of browser.figures) record(figure.name, figure.value, figure.goal, figure.met);
}

const writing = await import('./browserWriting.js').then((m) => m.benchWriting()).catch((error: Error) => {
  console.log(`\nWriting-screen benchmarks did not run: ${error.message}`);
  return null;
});
if (writing) {
  raw.writing = writing;
  for (const figure of writing.figures) record(figure.name, figure.value, figure.goal, figure.met);
}

const deskServer = await import('./deskServer.js').then((m) => m.benchDeskServer()).catch((error: Error) => {
  console.log(`\nDesk server benchmarks did not run: ${error.message}`);
  return null;
});
if (deskServer) {
  raw.deskServer = deskServer;
  record(`desk server: an edit's fan-out to ${deskServer.clients} clients on one story`, timing(deskServer.fanOut), '(reported)', null);
  record(`desk server: reconnect after ${deskServer.offlineUpdates.toLocaleString('en')} offline updates, to in step`, ms(deskServer.reconnectMs), '≤ 2 s', deskServer.reconnectMs <= 2000);
  record('desk server: heap per open story / per connection (clients in-process)', `${deskServer.heapPerStoryKb.toFixed(0)} KB / ${deskServer.heapPerConnectionKb.toFixed(0)} KB`, '(reported)', null);
}

const outDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
const result = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, figures, raw };
fs.writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(result, null, 2));
console.log(`\nWritten to bench/results/bench-${stamp}.json and bench/results/latest.json`);
