/**
 * Search at scale (issue 15): top 50 with snippets over a realistic query mix, the worst cases (a
 * word in every story, a two-letter prefix), and, in the same run over the same store, the peer: a
 * bare FTS5 `MATCH … LIMIT 50` with no ranking and no snippets. The ratio to the peer is the figure
 * that survives a noisy machine; the milliseconds are the goal.
 */
import type { Database } from 'better-sqlite3';
import { matchQuery, searchTerms } from '../common/search.js';
import type { Newsroom } from '../main/newsroom.js';
import { corpus } from './store.js';
import { summarise, type Timing } from './stats.js';

export interface SearchFigures {
  /** The query mix, through the store's search (ranked, top 50, snippets). */
  search: Timing;
  /** The same queries as a bare FTS5 MATCH … LIMIT 50. */
  bareMatch: Timing;
  /** Words in (nearly) every story and two-letter prefixes. */
  searchEverywhere: Timing;
  bareMatchEverywhere: Timing;
  /** The mix's search in CPU time of this process, which other work on a shared machine moves less. */
  searchCpu: Timing;
  searchEverywhereCpu: Timing;
  /** How many stories the mix's queries match, at the median and the most. */
  matchesP50: number;
  matchesMax: number;
  queries: number;
}

/**
 * What a reporter types, over the Zipf corpus of store.ts (word rank r is in about 1/r^1.07 of the
 * draws): names and places (rank 300 to 10,000, each in 0.5% to 10% of stories), two of them, the
 * last half-typed, and now and then a common word (rank 20 to 300, in a quarter to a half of the
 * stories) alone or with a rarer one.
 */
export function queryMix(vocabulary: readonly string[], count = 100): string[] {
  const word = (rank: number) => vocabulary[rank] as string;
  return Array.from({ length: count }, (_, i) => {
    const rare = word(300 + ((i * 977) % 9700));
    const other = word(300 + ((i * 3571) % 9700));
    const common = word(20 + ((i * 131) % 280));
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        return rare;
      case 3:
      case 4:
        return `${rare} ${other}`;
      case 5:
      case 6:
        return rare.slice(0, Math.max(3, rare.length - 2));
      case 7:
        return `${other} ${rare.slice(0, Math.max(3, rare.length - 2))}`;
      case 8:
        return common;
      default:
        return `${common} ${rare}`;
    }
  });
}

/** The worst a query can ask: the most frequent words, alone and together, and short prefixes. */
export function worstQueries(vocabulary: readonly string[]): string[] {
  const top = vocabulary.slice(0, 5);
  return [...top, `${top[0]} ${top[1]}`, `${top[2]} ${top[3]}`, (top[0] as string).slice(0, 2), (top[1] as string).slice(0, 2), `${top[0]} ${(top[1] as string).slice(0, 2)}`];
}

/**
 * Interleaves the store's search and the bare MATCH, query by query, so both see the same noise.
 * `rounds` passes over the queries after one warm-up pass.
 */
function measure(newsroom: Newsroom, db: Database, queries: readonly string[], rounds: number): { search: Timing; bare: Timing; searchCpu: Timing } {
  const bareStatement = db.prepare('SELECT rowid FROM story_search WHERE story_search MATCH ? LIMIT 50').pluck();
  const matches = queries.map((q) => matchQuery(searchTerms(q)!));
  const searchSamples: number[] = [];
  const cpuSamples: number[] = [];
  const bareSamples: number[] = [];
  for (let round = -1; round < rounds; round += 1) {
    queries.forEach((query, i) => {
      const cpu = process.cpuUsage();
      const a = performance.now();
      newsroom.stories.search(query, 50);
      const b = performance.now();
      const used = process.cpuUsage(cpu);
      bareStatement.all(matches[i]);
      const c = performance.now();
      if (round >= 0) {
        searchSamples.push(b - a);
        cpuSamples.push((used.user + used.system) / 1000);
        bareSamples.push(c - b);
      }
    });
  }
  return { search: summarise(searchSamples), bare: summarise(bareSamples), searchCpu: summarise(cpuSamples) };
}

export function benchSearch(newsroom: Newsroom, rounds = 3): SearchFigures {
  const { vocabulary } = corpus();
  const db = newsroom.db;
  const mix = queryMix(vocabulary);
  const counts = mix.map((q) => newsroom.stories.searchCount(q)).sort((a, b) => a - b);
  const everyday = measure(newsroom, db, mix, rounds);
  const worst = measure(newsroom, db, worstQueries(vocabulary), Math.max(2, rounds));
  return {
    search: everyday.search,
    bareMatch: everyday.bare,
    searchEverywhere: worst.search,
    bareMatchEverywhere: worst.bare,
    searchCpu: everyday.searchCpu,
    searchEverywhereCpu: worst.searchCpu,
    matchesP50: counts[Math.floor(counts.length / 2)] as number,
    matchesMax: counts[counts.length - 1] as number,
    queries: mix.length,
  };
}
