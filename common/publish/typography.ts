/**
 * Publication typography: curly quotes in the story language's style, apostrophes, dashes and
 * ellipses. Applied to text only when a page is rendered; the stored copy keeps what the reporter
 * typed, so a change of house style never rewrites a story.
 *
 * A block is typeset as a sequence of runs (one per text node), so a quote that opens in plain
 * text and closes after a bold word is still one pair: each decision looks at the characters
 * around it across run boundaries, and the nesting of quotes is tracked through the whole block.
 */

interface QuoteStyle {
  /** Outer double quotes, open and close. */
  double: readonly [string, string];
  /** Double quotes inside a quotation. */
  innerDouble: readonly [string, string];
  single: readonly [string, string];
}

const ENGLISH: QuoteStyle = { double: ['“', '”'], innerDouble: ['“', '”'], single: ['‘', '’'] };
/** Ukrainian and Russian: «ялинки» outside, „лапки“ inside. */
const GUILLEMETS: QuoteStyle = { double: ['«', '»'], innerDouble: ['„', '“'], single: ['‘', '’'] };
const GERMAN: QuoteStyle = { double: ['„', '“'], innerDouble: ['‚', '‘'], single: ['‚', '‘'] };

const QUOTE_STYLES: Record<string, QuoteStyle> = {
  en: ENGLISH,
  uk: GUILLEMETS,
  ru: GUILLEMETS,
  be: GUILLEMETS,
  de: GERMAN,
};

/** The quote style for a language tag (`en-GB` → English); null where quotes are left as typed. */
export function quoteStyleFor(language: string): QuoteStyle | null {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return QUOTE_STYLES[primary] ?? null;
}

export interface TextRun {
  text: string;
  /** Left exactly as written (code, a URL shown as its own text) but still context for its neighbours. */
  verbatim?: boolean;
}

const WORD = /[\p{L}\p{N}]/u;
const DIGIT = /[0-9]/;
const SPACE = /\s/u;
/** Characters after which a quote mark opens a quotation (besides the style's own opening marks). */
const OPENS_AFTER = /[\s([{\u2014\u2013\-/]/u;

/**
 * Typesets the runs of one block; returns one string per run, in order. Runs marked verbatim come
 * back unchanged.
 */
export function typesetRuns(runs: readonly TextRun[], language: string): string[] {
  const quotes = quoteStyleFor(language);
  const openers = new Set(quotes === null ? [] : [quotes.double[0], quotes.innerDouble[0], quotes.single[0]]);
  const closers = new Set(quotes === null ? [] : [quotes.double[1], quotes.innerDouble[1], quotes.single[1]].filter((c) => !openers.has(c)));
  const full = runs.map((r) => r.text).join('');
  /** How many double quotations are open: decides «outer» or „inner“. */
  let depth = 0;
  /** The last character written: whether a quote opens depends on what the reader sees before it. */
  let last: string | undefined;
  const opens = () => last === undefined || OPENS_AFTER.test(last) || openers.has(last);
  // Every character the loop below may change or count; text between them is copied as it is
  // (issue 15: a character at a time, typesetting was a third of a 10,000-word export).
  const special = new RegExp(`[.\\-"'«»${[...openers, ...closers].join('')}]`, 'g');
  let offset = 0;
  return runs.map((run) => {
    const start = offset;
    offset += run.text.length;
    if (run.verbatim === true) {
      if (run.text !== '') last = run.text[run.text.length - 1];
      return run.text;
    }
    let out = '';
    const emit = (s: string) => {
      out += s;
      last = s[s.length - 1];
    };
    const end = start + run.text.length;
    for (let g = start; g < end; g += 1) {
      special.lastIndex = g - start;
      const found = special.exec(run.text);
      const stop = found === null ? end : start + found.index;
      if (stop > g) {
        emit(full.slice(g, stop));
        g = stop - 1;
        continue;
      }
      const c = full[g] as string;
      const prev = g > 0 ? full[g - 1] : undefined;
      const next = g + 1 < full.length ? full[g + 1] : undefined;
      // Multi-character patterns are matched inside one run only.
      if (c === '.' && g + 2 < end && full[g + 1] === '.' && full[g + 2] === '.') {
        emit('…');
        g += 2;
      } else if (c === '-' && g + 1 < end && full[g + 1] === '-') {
        emit('—');
        g += full[g + 2] === '-' && g + 2 < end ? 2 : 1;
      } else if (c === '-') {
        emit(hyphen(full, g, prev, next));
      } else if (c === '"' && quotes !== null) {
        if (opens() && next !== undefined && !SPACE.test(next)) {
          emit(depth === 0 ? quotes.double[0] : quotes.innerDouble[0]);
          depth += 1;
        } else {
          depth = Math.max(0, depth - 1);
          emit(depth === 0 ? quotes.double[1] : quotes.innerDouble[1]);
        }
      } else if (c === "'") {
        emit(singleQuote(full, g, prev, next, quotes, opens()));
      } else {
        // Quotation marks already typed count towards the nesting.
        if (c === '«' || (quotes !== null && (c === quotes.double[0] || c === quotes.innerDouble[0]) && !closers.has(c))) depth += 1;
        else if (c === '»' || closers.has(c)) depth = Math.max(0, depth - 1);
        emit(c);
      }
    }
    return out;
  });
}

/** One run of text typeset on its own (a headline, a standfirst, a caption). */
export function typeset(text: string, language: string): string {
  return typesetRuns([{ text }], language)[0] ?? '';
}

function hyphen(full: string, g: number, prev: string | undefined, next: string | undefined): string {
  // " - " between words is a dash.
  if (prev === ' ' && next === ' ') return '—';
  // A range of two numbers (1990-95, 10-12) takes an en dash; a longer chain such as a date
  // (2024-11-24) or a phone number (555-12-34) is left alone.
  if (prev !== undefined && next !== undefined && DIGIT.test(prev) && DIGIT.test(next)) {
    let a = g - 1;
    while (a > 0 && /[0-9-]/.test(full[a - 1] as string)) a -= 1;
    let b = g + 1;
    while (b + 1 < full.length && /[0-9-]/.test(full[b + 1] as string)) b += 1;
    if (full.slice(a, b + 1).split('-').length === 2) return '–';
  }
  return '-';
}

function singleQuote(full: string, g: number, prev: string | undefined, next: string | undefined, quotes: QuoteStyle | null, opens: boolean): string {
  // Inside or at the end of a word: an apostrophe (don’t, reporters’) or a closing quote, both ’.
  if (prev !== undefined && (WORD.test(prev) || /[.,!?;:…]/.test(prev))) return '’';
  // ’90s: a year cut short.
  if (next !== undefined && DIGIT.test(next) && DIGIT.test(full[g + 2] ?? '') && !DIGIT.test(full[g + 3] ?? '')) return '’';
  // Languages without a quote style keep their quotation marks as typed.
  if (quotes === null) return "'";
  if (opens && next !== undefined && !SPACE.test(next)) return quotes.single[0];
  return quotes.single[1];
}
