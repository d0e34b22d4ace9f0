/**
 * What a search query means, and the snippet shown under a hit. Pure text: the store runs the
 * query, this module turns what the reporter typed into terms and marks them in a bounded region
 * of the story (issue 11: a 3.2 MB story made FTS5's snippet() take 17 s for one word, 77 s for
 * two, because it scores every match position in the whole column).
 */
import { MARK_END, MARK_START } from './story.js';

/** The words of a query, folded the way the index folds them; the last one matches as a prefix. */
export interface SearchTerms {
  words: string[];
}

/** Letters and digits, as FTS5's unicode61 tokenizer splits text. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without diacritics, as `unicode61 remove_diacritics 2` indexes a word. */
export function foldWord(word: string): string {
  // Most words of English copy are plain ASCII: a snippet folds every word of up to 64 KB of text,
  // and NFD plus a Unicode regex per word was a third of a search's time.
  for (let i = 0; i < word.length; i += 1) {
    if (word.charCodeAt(i) > 0x7f) return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }
  return word.toLowerCase();
}

/**
 * The words typed, as plain terms: quotes, stars, NEAR, parentheses, `-`, `:` and the like are
 * never FTS5 syntax, so every query parses and finds the stories holding its words.
 */
export function searchTerms(query: string): SearchTerms | null {
  const words = query.match(WORD);
  if (!words || words.length === 0) return null;
  const folded = words.map(foldWord).filter((w) => w.length > 0);
  return folded.length === 0 ? null : { words: folded };
}

/** The FTS5 query for `terms`: each word a quoted string, the last one a prefix. */
export function matchQuery(terms: SearchTerms): string {
  return terms.words.map((w, i) => `"${w}"${i === terms.words.length - 1 ? '*' : ''}`).join(' ');
}

/** The FTS5 query for the words side by side, in the order typed, the last one a prefix. */
export function phraseQuery(terms: SearchTerms): string {
  return `"${terms.words.join(' ')}"*`;
}

/** Characters of each field a snippet looks at: enough for any lede, small enough for any story. */
export const SNIPPET_REGION = 16_384;
/** Words in a snippet, as FTS5's snippet(…, 24) gave. */
const SNIPPET_WORDS = 24;

interface Token {
  start: number;
  end: number;
  /** Index of the term it matches, or -1. */
  term: number;
}

function tokensOf(text: string, terms: SearchTerms): Token[] {
  const last = terms.words.length - 1;
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    let term = -1;
    for (let i = 0; i < terms.words.length; i += 1) {
      const w = terms.words[i] as string;
      if (folded === w || (i === last && folded.startsWith(w))) {
        term = i;
        break;
      }
    }
    tokens.push({ start: m.index, end: m.index + m[0].length, term });
  }
  return tokens;
}

/** The window of SNIPPET_WORDS tokens holding the most distinct terms, then the most matches. */
function bestWindow(tokens: Token[], termCount: number): { from: number; distinct: number; hits: number } {
  const counts = new Array<number>(termCount).fill(0);
  let distinct = 0;
  let hits = 0;
  let best = { from: 0, distinct: 0, hits: 0 };
  for (let end = 0; end < tokens.length; end += 1) {
    const added = (tokens[end] as Token).term;
    if (added >= 0) {
      if ((counts[added] as number) === 0) distinct += 1;
      counts[added] = (counts[added] as number) + 1;
      hits += 1;
    }
    const from = end - SNIPPET_WORDS + 1;
    if (from > 0) {
      const dropped = (tokens[from - 1] as Token).term;
      if (dropped >= 0) {
        counts[dropped] = (counts[dropped] as number) - 1;
        if ((counts[dropped] as number) === 0) distinct -= 1;
        hits -= 1;
      }
    }
    if (distinct > best.distinct || (distinct === best.distinct && hits > best.hits)) {
      best = { from: Math.max(0, from), distinct, hits };
    }
  }
  return best;
}

/**
 * A snippet of about 24 words around the matches, from the field (headline, standfirst, byline or
 * body) whose first SNIPPET_REGION characters hold the most of the query's words; the matches
 * wrapped in MARK_START…MARK_END. Linear in the region, whatever the size of the story.
 */
export function makeSnippet(fields: readonly string[], terms: SearchTerms): string {
  let chosen: { text: string; tokens: Token[]; from: number; truncated: boolean } | null = null;
  let chosenScore = { distinct: 0, hits: 0 };
  for (const field of fields) {
    const truncated = field.length > SNIPPET_REGION;
    const text = truncated ? field.slice(0, SNIPPET_REGION) : field;
    const tokens = tokensOf(text, terms);
    if (tokens.length === 0) continue;
    const window = bestWindow(tokens, terms.words.length);
    if (chosen === null || window.distinct > chosenScore.distinct || (window.distinct === chosenScore.distinct && window.hits > chosenScore.hits)) {
      // Start a few words before the first match, so the match is read in context.
      const firstHit = tokens.findIndex((t, i) => i >= window.from && t.term >= 0);
      const from = window.distinct === 0 ? 0 : Math.max(0, Math.min(window.from, firstHit - 3));
      chosen = { text, tokens, from, truncated };
      chosenScore = { distinct: window.distinct, hits: window.hits };
    }
  }
  if (chosen === null) return '';
  const { text, tokens, from, truncated } = chosen;
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  let out = from > 0 ? '…' : '';
  let at = (tokens[from] as Token).start;
  for (let i = from; i < to; i += 1) {
    const token = tokens[i] as Token;
    out += text.slice(at, token.start).replaceAll(MARK_START, '').replaceAll(MARK_END, '');
    const word = text.slice(token.start, token.end);
    out += token.term >= 0 ? `${MARK_START}${word}${MARK_END}` : word;
    at = token.end;
  }
  if (to === tokens.length) out += text.slice(at).replaceAll(MARK_START, '').replaceAll(MARK_END, '');
  if (to < tokens.length || truncated) out += '…';
  return out;
}
