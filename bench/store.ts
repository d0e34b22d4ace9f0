/**
 * Store benchmarks: autosave of a long story against a bare INSERT in the same database,
 * full-text search and desk pages over 100,000 stories.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNewsroom } from '../main/newsroom.js';
import { bodyOfWords } from '../tests/helpers/documents.js';
import { documentFromPlainText } from '../common/document.js';
import { summarise, time, type Timing } from './stats.js';
import { by } from '../tests/helpers/dataDir.js';
import { benchSearch, type SearchFigures } from './search.js';

export interface StoreFigures {
  autosave: Timing;
  bareInsert: Timing;
  autosaveRatioP50: number;
  autosaveRatioP99: number;
  search: SearchFigures;
  queueCounts: Timing;
  searchStories: number;
  deskFirstPage: Timing;
  deskScrollPage: Timing;
  deskSortedByHeadline: Timing;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
}

export function benchAutosave(runs = 300): Pick<StoreFigures, 'autosave' | 'bareInsert' | 'autosaveRatioP50' | 'autosaveRatioP99'> {
  const dir = tempDir();
  const newsroom = openNewsroom(dir);
  try {
    const bodies = [bodyOfWords(10_000, 1), bodyOfWords(10_000, 2)];
    let story = newsroom.stories.create({ fields: { headline: 'Ten thousand words', byline: ['Bench Reporter'] }, body: bodies[0] }, by(null));
    newsroom.db.exec('CREATE TABLE bare_insert (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
    const bare = newsroom.db.prepare('INSERT INTO bare_insert (body) VALUES (?)');
    // Interleave the two so both see the same machine noise.
    const autosaves: number[] = [];
    const inserts: number[] = [];
    for (let i = -20; i < runs; i += 1) {
      const body = bodies[(i + 20) % 2] as string;
      const a = time(1, () => {
        story = newsroom.stories.save({ id: story.id, version: story.version, body }, by(null));
      }, 0);
      const b = time(1, () => {
        bare.run(body);
      }, 0);
      if (i >= 0) {
        autosaves.push(a.p50);
        inserts.push(b.p50);
      }
    }
    const autosave = summarise(autosaves);
    const bareInsert = summarise(inserts);
    return {
      autosave,
      bareInsert,
      autosaveRatioP50: autosave.p50 / bareInsert.p50,
      autosaveRatioP99: autosave.p99 / bareInsert.p99,
    };
  } finally {
    newsroom.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A newsroom-like corpus: a 20,000-word vocabulary drawn with Zipf's law (a few words everywhere,
 * most words rare), so a query matches a realistic share of stories instead of all of them.
 */
export function corpus(seed = 7) {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'ten', 'bu', 'dor', 'sel', 'vin', 'as', 'pe', 'gru', 'hol', 'zan', 'et', 'ori'];
  const vocabulary: string[] = [];
  for (let i = 0; vocabulary.length < 20_000; i += 1) {
    let n = i;
    let word = '';
    do {
      word += syllables[n % syllables.length];
      n = Math.floor(n / syllables.length);
    } while (n > 0);
    vocabulary.push(word);
  }
  const cdf: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= vocabulary.length; rank += 1) cdf.push((total += 1 / rank ** 1.07));
  // mulberry32: the LCG this replaced multiplied past 2^53, so its doubles lost the low bits and
  // it fell into a short cycle (a few thousand words each in exactly 2,933 stories, most never).
  let x = seed >>> 0;
  const random = () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = () => {
    const target = random() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] as string;
  };
  return { vocabulary, word };
}

/** Fills a data dir with `count` stories of about 300 words each, through the real service. */
export function seedStories(dir: string, count: number): void {
  const newsroom = openNewsroom(dir);
  const { word } = corpus();
  const seed = newsroom.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const headline = Array.from({ length: 7 }, word).join(' ');
      const paragraphs = Array.from({ length: 5 }, () => Array.from({ length: 60 }, word).join(' ') + '.');
      newsroom.stories.create({
        fields: { headline, byline: [`Reporter ${i % 97}`], desk: ['News', 'Sport', 'Business', 'Culture'][i % 4] as string },
        body: JSON.stringify(documentFromPlainText(paragraphs.join('\n\n'))),
      }, by(null));
    }
  });
  seed();
  newsroom.db.pragma('wal_checkpoint(TRUNCATE)');
  newsroom.db.exec('PRAGMA optimize');
  newsroom.close();
}

export function benchAtScale(count = 100_000): Pick<StoreFigures, 'search' | 'queueCounts' | 'searchStories' | 'deskFirstPage' | 'deskScrollPage' | 'deskSortedByHeadline'> {
  const dir = tempDir();
  try {
    seedStories(dir, count);
    const newsroom = openNewsroom(dir);
    // The query mix, the worst cases and the bare FTS5 peer, interleaved (bench/search.ts).
    const search = benchSearch(newsroom);
    const list = (offset: number, sort: 'updatedAt' | 'headline' = 'updatedAt') =>
      newsroom.stories.list({ sort, direction: 'desc', offset, limit: 100, trashed: false });
    const deskFirstPage = time(100, () => void list(0));
    const deskScrollPage = time(100, (i) => void list(50_000 + (Math.abs(i) % 50) * 100));
    const deskSortedByHeadline = time(100, (i) => void list((Math.abs(i) % 50) * 1000, 'headline'));
    const queueCounts = time(100, () => void newsroom.workflow.queues());
    newsroom.close();
    return { search, queueCounts, searchStories: count, deskFirstPage, deskScrollPage, deskSortedByHeadline };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
