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

export interface StoreFigures {
  autosave: Timing;
  bareInsert: Timing;
  autosaveRatioP50: number;
  autosaveRatioP99: number;
  search: Timing;
  searchEverywhere: Timing;
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
  let x = seed;
  const random = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
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

export function benchAtScale(count = 100_000): Pick<StoreFigures, 'search' | 'searchEverywhere' | 'queueCounts' | 'searchStories' | 'deskFirstPage' | 'deskScrollPage' | 'deskSortedByHeadline'> {
  const dir = tempDir();
  try {
    seedStories(dir, count);
    const newsroom = openNewsroom(dir);
    // What a reporter looks for: names, places and topics, words of rank 300 to 10,000 of the
    // 20,000 (each in 0.5% to 10% of stories), one or two of them, the last one often half-typed.
    const { vocabulary } = corpus();
    const queries = Array.from({ length: 60 }, (_, i) => {
      const a = vocabulary[300 + ((i * 977) % 9700)] as string;
      const b = vocabulary[300 + ((i * 3571) % 9700)] as string;
      return i % 3 === 0 ? `${a} ${b}` : i % 3 === 1 ? a : a.slice(0, Math.max(5, a.length - 2));
    });
    const search = time(200, (i) => {
      newsroom.stories.search(queries[Math.abs(i) % queries.length] as string, 50);
    });
    const list = (offset: number, sort: 'updatedAt' | 'headline' = 'updatedAt') =>
      newsroom.stories.list({ sort, direction: 'desc', offset, limit: 100, trashed: false });
    // A query for a syllable in nearly every story: ranking then scores every row.
    const searchEverywhere = time(20, () => void newsroom.stories.search(vocabulary[0] as string, 50), 2);
    const deskFirstPage = time(100, () => void list(0));
    const deskScrollPage = time(100, (i) => void list(50_000 + (Math.abs(i) % 50) * 100));
    const deskSortedByHeadline = time(100, (i) => void list((Math.abs(i) % 50) * 1000, 'headline'));
    const queueCounts = time(100, () => void newsroom.workflow.queues());
    newsroom.close();
    return { search, searchEverywhere, queueCounts, searchStories: count, deskFirstPage, deskScrollPage, deskSortedByHeadline };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
