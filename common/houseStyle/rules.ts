/**
 * The copy desk's rules over one block of text. Each returns findings as character ranges in the
 * block, so results can be cached per block and reused while the reporter edits another paragraph.
 * Story-wide rules (mixed quotes) work from what each block collected (its quote marks).
 */
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextRepeatedWords from 'retext-repeated-words';
import type { CheckedBlock } from './blocks.js';
import type { Speller } from './spelling.js';
import type { HouseStyle, RuleId } from './style.js';

export interface RawFinding {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
  severity?: 'warning' | 'info';
}

export type QuoteGroup = 'double' | 'single';
export interface QuoteMark {
  at: number;
  mark: string;
  group: QuoteGroup;
}

/** The style with its word lists and term patterns prepared once. */
export interface CompiledStyle {
  style: HouseStyle;
  abbreviations: Set<string>;
  lowercaseStarts: Set<string>;
  figuresBefore: Set<string>;
  figuresAfter: Set<string>;
  terms: { pattern: RegExp; use: string; note?: string }[];
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileStyle(style: HouseStyle): CompiledStyle {
  return {
    style,
    abbreviations: new Set(style.abbreviations.map((a) => a.toLowerCase())),
    lowercaseStarts: new Set(style.lowercaseStarts),
    figuresBefore: new Set(style.numbers.figuresBefore.map((w) => w.toLowerCase())),
    figuresAfter: new Set(style.numbers.figuresAfter.map((w) => w.toLowerCase())),
    terms: style.terms.flatMap((term) =>
      term.avoid.map((avoid) => ({
        pattern: new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(avoid).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}_])`, term.caseSensitive === true ? 'gu' : 'giu'),
        use: term.use,
        ...(term.note !== undefined ? { note: term.note } : {}),
      })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Spans no rule looks inside: web and mail addresses, domain names.

const PROTECTED = /\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|co|uk|eu|info|biz|news|tv|me|app|dev|ly|de|fr|br|pt|ua|js)\b/giu;

export function protectedSpans(text: string): [number, number][] {
  return [...text.matchAll(PROTECTED)].map((m) => [m.index, m.index + m[0].length]);
}

function inside(spans: readonly [number, number][], start: number, end: number): boolean {
  return spans.some(([a, b]) => start < b && end > a);
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}'’-]/u;

/** The word around a range, at most 40 characters either way (a run of junk is not a word). */
function wordAround(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a > 0 && start - a < 40 && WORD_CHAR.test(text.charAt(a - 1))) a -= 1;
  while (b < text.length && b - end < 40 && WORD_CHAR.test(text.charAt(b))) b += 1;
  return [a, b];
}

/** The text just before `index`: rules look back a few words, never over the whole paragraph. */
const behind = (text: string, index: number) => text.slice(Math.max(0, index - 80), index);

const quoted = (value: string) => `“${value}”`;

// ---------------------------------------------------------------------------------------------

/** "clinic.Dean", "said,and": punctuation with no space after it. Not "3.5", "U.S.", "Ph.D", URLs. */
export function missingSpace(block: CheckedBlock, spans: readonly [number, number][]): RawFinding[] {
  const out: RawFinding[] = [];
  const text = block.text;
  const check = (pattern: RegExp, capitalAfter: boolean) => {
    for (const match of text.matchAll(pattern)) {
      const punct = match.index + 1;
      const [start, end] = wordAround(text, punct, punct + (match[2] as string).length + (match[3] as string).length);
      if (inside(spans, start, end)) continue;
      const left = text.slice(start, punct);
      const right = text.slice(punct + (match[2] as string).length).slice(0, end - punct - (match[2] as string).length);
      const rightWord = right.replace(/^["“‘«(]/, '');
      if (capitalAfter) {
        // Initialisms and file names: "Ph.D", "e.g.The" is rare next to "a.NET" and "report.PDF".
        if (left.replace(/[^\p{L}]/gu, '').length <= 2 && rightWord.length <= 3) continue;
        if (/^\p{Lu}{1,4}$/u.test(rightWord)) continue;
      }
      const fixed = `${left}${match[2] as string} ${right}`;
      out.push({
        rule: 'missing-space',
        start,
        end,
        message: `No space after “${match[2] as string}” in ${quoted(text.slice(start, end))}: add one`,
        suggestion: fixed,
      });
    }
  };
  check(/(\p{Ll})([.!?]+)(["“‘«]?\p{Lu})/gu, true);
  check(/(\p{L})([,;:])(\p{L})/gu, false);
  return out;
}

/** Two or more spaces between words (and between sentences: house style is one). */
export function doubleSpace(block: CheckedBlock): RawFinding[] {
  const out: RawFinding[] = [];
  for (const match of block.text.matchAll(/(?<=\S)[ \u00a0]{2,}(?=\S)/g)) {
    const before = /(\S+)$/.exec(behind(block.text, match.index))?.[1] ?? '';
    const after = /^(\S+)/.exec(block.text.slice(match.index + match[0].length, match.index + match[0].length + 80))?.[1] ?? '';
    out.push({
      rule: 'double-space',
      start: match.index,
      end: match.index + match[0].length,
      message: `${match[0].length} spaces between ${quoted(before)} and ${quoted(after)}: use one`,
      suggestion: ' ',
    });
  }
  return out;
}

const english = unified().use(retextEnglish).freeze();
const repeatedWords = retextRepeatedWords();

interface Place {
  start?: { offset?: number };
  end?: { offset?: number };
}

/** "the the": retext-repeated-words over the block (it skips "had had", "that that", "Duran Duran"). */
export function repeatedWord(block: CheckedBlock): RawFinding[] {
  const out: RawFinding[] = [];
  const tree = english.parse(block.text);
  // The plugin reports through the file's `message`; this collector is all of the file it uses.
  const file = {
    message(_reason: string, options: { place?: Place }) {
      const start = options.place?.start?.offset;
      const end = options.place?.end?.offset;
      const found: { actual?: string; expected?: string[] } = {};
      if (start !== undefined && end !== undefined) {
        const words = block.text.slice(start, end);
        const word = /^\S+/.exec(words)?.[0] ?? words;
        out.push({ rule: 'repeated-word', start, end, message: `${quoted(word)} twice in a row: delete one`, suggestion: word });
      }
      return found;
    },
  };
  (repeatedWords as unknown as (tree: unknown, file: unknown) => void)(tree, file);
  return out;
}

const CLOSERS = /["'’”»)\]]/;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function lowercaseOnPurpose(word: string, compiled: CompiledStyle): boolean {
  // iPhone, eBay, mRNA: a capital inside the word means it is written that way.
  return /\p{Lu}/u.test(word.slice(1)) || compiled.lowercaseStarts.has(word) || compiled.lowercaseStarts.has(word.replace(/[.,;:!?]+$/, ''));
}

/** A sentence (or the block) starting in lower case: not after "e.g.", "U.S.", "J." or "…", not "iPhone". */
export function sentenceCase(block: CheckedBlock, compiled: CompiledStyle, spans: readonly [number, number][]): RawFinding[] {
  const out: RawFinding[] = [];
  const text = block.text;
  const flag = (start: number, word: string) => {
    if (lowercaseOnPurpose(word, compiled) || inside(spans, start, start + word.length)) return;
    out.push({
      rule: 'sentence-case',
      start,
      end: start + word.length,
      message: `A sentence starts in lower case: ${quoted(word)} → ${quoted(capitalise(word))}`,
      suggestion: capitalise(word),
    });
  };
  // List items often carry on the sentence that introduces the list.
  if (block.kind !== 'listitem') {
    const first = /^[\s"'“‘«([—–-]*(\p{Ll}[\p{L}\p{M}'’-]*)/u.exec(text);
    if (first) flag(first.index + first[0].length - (first[1] as string).length, first[1] as string);
  }
  for (const match of text.matchAll(/([.!?]+)(\s+)([“"‘'«(]*)(\p{Ll}[\p{L}\p{M}'’-]*)/gu)) {
    const punct = match[1] as string;
    if (punct.length > 1 && punct.startsWith('.')) continue;
    const token = /(\S+)$/.exec(behind(text, match.index + punct.length))?.[1] ?? '';
    if (punct === '.') {
      const lower = token.toLowerCase().replace(/^[("“‘'«[]+/, '');
      if (compiled.abbreviations.has(lower)) continue;
      // Initials and initialisms: "J. Smith", "U.S. troops", "e.g. this".
      if (/^(?:\p{L}\.){2,}$/u.test(lower) || /^\p{Lu}\.$/u.test(token)) continue;
      // "No. 3. the": numbered references and figures are not sentence ends worth flagging.
      if (/^\d+\.$/.test(lower)) continue;
    }
    if (CLOSERS.test(text.charAt(match.index + punct.length))) continue;
    flag(match.index + match[0].length - (match[4] as string).length, match[4] as string);
  }
  return out;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const SPELLED = new RegExp(
  `(?<![\\p{L}\\p{M}-])(${[...TEENS, ...TENS.filter(Boolean)].join('|')})(?:[-‐](${UNITS.slice(1).join('|')}))?(?![\\p{L}\\p{M}])`,
  'giu',
);

function spelledValue(word: string, unit: string | undefined): number {
  const lower = word.toLowerCase();
  const teen = TEENS.indexOf(lower);
  if (teen >= 0) return 10 + teen;
  return TENS.indexOf(lower) * 10 + (unit === undefined ? 0 : UNITS.indexOf(unit.toLowerCase()));
}

function atSentenceStart(text: string, index: number): boolean {
  const before = behind(text, index).replace(/["“‘'«(\s]+$/u, '');
  return (before === '' && index <= 80) || /[.!?]$/.test(before);
}

/** Words that start a sentence before a number without naming anything: "About 3", "Only 2". */
const LEADING_WORDS = new Set([
  'about', 'almost', 'around', 'nearly', 'only', 'just', 'some', 'at', 'in', 'on', 'for', 'with', 'by', 'after', 'before', 'over', 'under',
  'all', 'the', 'these', 'those', 'another', 'and', 'but', 'so', 'then', 'when', 'while', 'of', 'to', 'from', 'roughly', 'approximately',
  'perhaps', 'maybe', 'exactly', 'barely', 'since', 'until', 'within', 'between', 'among', 'its', 'his', 'her', 'their', 'our', 'my', 'your',
  'no', 'up', 'down', 'fewer', 'less', 'more', 'than', 'least', 'most', 'every', 'each', 'even', 'another', 'were', 'was', 'are', 'is',
]);

const cleanWord = (word: string) => word.toLowerCase().replace(/^[("“‘'«]+|[)"”’'»,;:!?]+$/g, '');

/**
 * Numbers in the house style: one to nine in words, 10 and above in figures. Figures stay for
 * units and measures ("3km", "3 per cent", "3pm"), dates ("3 March"), "aged 7", "page 3", labels
 * ("Apollo 9"), scores and ranges ("3-1", "3 to 12"), decimals and money ("3.5", "£3").
 */
export function numbers(block: CheckedBlock, compiled: CompiledStyle, spans: readonly [number, number][]): RawFinding[] {
  if (block.kind === 'headline') return [];
  const out: RawFinding[] = [];
  const text = block.text;
  const { wordsUpTo, figuresFrom } = compiled.style.numbers;
  for (const match of text.matchAll(/(?<![\p{L}\p{N}.,:/£$€¥#+\-–−×'’])(\d)(?![\p{L}\p{N}%°′″/:×\-–]|[.,]\d)/gu)) {
    const value = Number(match[1]);
    if (value < 1 || value > wordsUpTo || inside(spans, match.index, match.index + 1)) continue;
    const after = text.slice(match.index + 1, match.index + 81);
    const before = behind(text, match.index);
    const next = /^\s*(\S+)(?:\s+(\S+))?/.exec(after);
    const nextWord = cleanWord(next?.[1] ?? '');
    const nextTwo = `${nextWord} ${cleanWord(next?.[2] ?? '')}`;
    const previous = /(\S+)\s*$/.exec(before)?.[1] ?? '';
    const previousWord = cleanWord(previous);
    if (compiled.figuresBefore.has(nextWord) || compiled.figuresBefore.has(nextTwo) || MONTHS.has(nextWord)) continue;
    if (compiled.figuresAfter.has(previousWord) || compiled.figuresAfter.has(previous.toLowerCase()) || MONTHS.has(previousWord)) continue;
    // A capitalised word before the figure makes it a name or label ("Apollo 9", "Category 4"),
    // unless it is an ordinary word capitalised only because it starts the sentence ("About 3").
    if (/^\p{Lu}/u.test(previous) && !(LEADING_WORDS.has(previousWord) && atSentenceStart(text, match.index - (before.length - before.trimEnd().length) - previous.length))) continue;
    // Ranges and comparisons with a figure: "3 to 12", "between 12 and 3".
    if (/^\s*(?:to|and|or|-|–|out of|in)\s+\d/.test(after) || /\d\s*(?:to|and|or|-|–)\s*$/.test(before)) continue;
    const start = atSentenceStart(text, match.index);
    const word = start ? capitalise(UNITS[value] as string) : (UNITS[value] as string);
    out.push({
      rule: 'numbers',
      start: match.index,
      end: match.index + 1,
      message: `House style writes one to ${UNITS[wordsUpTo] ?? wordsUpTo} in words: ${quoted(match[0])} → ${quoted(word)}`,
      suggestion: word,
    });
  }
  for (const match of text.matchAll(SPELLED)) {
    const [whole, tens, unit] = match as unknown as [string, string, string | undefined];
    // Capitalised: the start of a sentence (where words are right) or part of a name.
    if (/^\p{Lu}/u.test(whole) || inside(spans, match.index, match.index + whole.length)) continue;
    const value = spelledValue(tens, unit);
    if (value < figuresFrom) continue;
    const after = text.slice(match.index + whole.length, match.index + whole.length + 40);
    const before = behind(text, match.index);
    if (/^\s+(?:hundred|thousand|million|billion)\b/i.test(after)) continue;
    // "nine out of ten", "one in twelve": a proportion reads better in words on both sides.
    if (/\b(?:one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+$/i.test(before)) continue;
    out.push({
      rule: 'numbers',
      start: match.index,
      end: match.index + whole.length,
      message: `House style writes ${figuresFrom} and above in figures: ${quoted(whole)} → ${quoted(String(value))}`,
      suggestion: String(value),
    });
  }
  return out;
}

function matchCase(found: string, use: string): string {
  if (found.length > 1 && found === found.toUpperCase() && /\p{L}/u.test(found)) return use.toUpperCase();
  if (/^\p{Lu}/u.test(found) && /^\p{Ll}/u.test(use)) return capitalise(use);
  return use;
}

/** Terms the house prefers: Kyiv not Kiev, email not e-mail, per cent not percent. */
export function preferredTerms(block: CheckedBlock, compiled: CompiledStyle, spans: readonly [number, number][]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const term of compiled.terms) {
    for (const match of block.text.matchAll(term.pattern)) {
      if (inside(spans, match.index, match.index + match[0].length)) continue;
      const use = matchCase(match[0], term.use);
      out.push({
        rule: 'preferred-term',
        start: match.index,
        end: match.index + match[0].length,
        message: `House style: ${quoted(use)}, not ${quoted(match[0])}${term.note !== undefined ? ` (${term.note})` : ''}`,
        suggestion: use,
      });
    }
  }
  return out;
}

/**
 * Unknown words, for lower-case words only: capitalised words are names, checked by the reporter
 * against the source, not by a dictionary. Suggestions are slow to compute, so only the first few
 * unknown words of a check get them.
 */
export function spelling(block: CheckedBlock, speller: Speller, budget: { suggestions: number; missed: boolean }, houseWords: ReadonlySet<string>, spans: readonly [number, number][]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const match of block.text.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    if (word.length < 2 || /\p{Lu}/u.test(word) || houseWords.has(word.toLowerCase())) continue;
    if (/[\p{N}_@/]/u.test(block.text.charAt(start - 1)) || /[\p{N}_@]/u.test(block.text.charAt(end))) continue;
    if (inside(spans, start, end) || speller(word)) continue;
    let suggestion: string | undefined;
    if (speller.suggest !== undefined) {
      if (budget.suggestions > 0) {
        budget.suggestions -= 1;
        suggestion = speller.suggest(word)[0];
      } else {
        budget.missed = true;
      }
    }
    out.push({
      rule: 'spelling',
      start,
      end,
      message: suggestion === undefined ? `${quoted(word)} is not in the dictionary: check the spelling` : `${quoted(word)} is not in the dictionary: did you mean ${quoted(suggestion)}?`,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }
  return out;
}

const DOUBLE_MARKS = '“”„"«»';
const SINGLE_MARKS = "‘’‚'‹›";

/** Every quote mark and apostrophe in the block, for the story-wide mixed-quotes rule. */
export function quoteMarks(block: CheckedBlock): QuoteMark[] {
  const marks: QuoteMark[] = [];
  const text = block.text;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (DOUBLE_MARKS.includes(c)) marks.push({ at: i, mark: c, group: 'double' });
    else if (SINGLE_MARKS.includes(c)) marks.push({ at: i, mark: c, group: 'single' });
  }
  return marks;
}

/** The family a mark belongs to: curly “” and ‘’, straight " and ', guillemets «» and ‹›, low „ and ‚. */
export function quoteFamily(mark: string): string {
  if ('“”‘’'.includes(mark)) return 'curly';
  if ('"\''.includes(mark)) return 'straight';
  if ('«»‹›'.includes(mark)) return 'guillemets';
  return 'low';
}

/** The house mark for `mark`, opening or closing by where it stands. */
export function houseMark(mark: string, text: string, at: number, pair: string): string {
  const [open, close] = [...pair] as [string, string];
  if ('“„«‘‚‹'.includes(mark)) return open;
  if ('”»’›'.includes(mark)) return close;
  // A straight mark: opening after a space or bracket or at the start, closing otherwise.
  const before = at === 0 ? ' ' : text.charAt(at - 1);
  return /[\s([{—–-]/.test(before) ? open : close;
}
