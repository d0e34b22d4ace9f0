/**
 * The copy desk's check of a whole story, incremental: findings are cached per block, keyed by the
 * block's text and kind, so re-checking after an edit to one paragraph re-runs the rules on that
 * paragraph only. Story-wide rules (mixed quotes, lengths, the missing-dictionary notice) are worked
 * out from the cached per-block results on every check, which costs one pass over small arrays.
 *
 * Finding ids are stable across edits elsewhere in the story (rule, field, the flagged text and a
 * little of the text around it, and which occurrence of that it is), so a story can keep the ids
 * of findings the desk chose to ignore.
 */
import type { StoryDocument } from '../document.js';
import { bodyBlocks, type BlockField, type BlockKind, type CheckedBlock } from './blocks.js';
import {
  compileStyle,
  doubleSpace,
  houseMark,
  missingSpace,
  numbers,
  preferredTerms,
  protectedSpans,
  quoteFamily,
  quoteMarks,
  repeatedWord,
  sentenceCase,
  spelling,
  type QuoteGroup,
  type QuoteMark,
  type RawFinding,
} from './rules.js';
import type { Speller } from './spelling.js';
import { defaultHouseStyle, ruleEnabled, type HouseStyle, type RuleId, type StyleRule } from './style.js';

export interface Finding {
  /** Stable across edits elsewhere: keep it with the story to ignore this finding. */
  id: string;
  rule: RuleId;
  severity: 'warning' | 'info';
  message: string;
  field: BlockField;
  /** Index in `body.root.children` of the block (for body and caption findings), else null. */
  block: number | null;
  /** Child indexes from `root.children` to the node holding the text; [] for headline and standfirst. */
  path: number[];
  /** Character range in the block's text (text nodes joined, a line break counting as one). */
  start: number;
  end: number;
  /** The flagged text. */
  text: string;
  /** The replacement for `text`, when there is one. */
  suggestion?: string;
}

export interface StoryInput {
  headline: string;
  standfirst: string;
  /** The story document, or plain paragraphs. */
  body: StoryDocument | readonly string[];
  /** The story's language code: "en", "en-GB", "pt-BR". */
  language: string;
}

export interface CheckOptions {
  /** The English speller (`createSpeller(dictionaryEn, style.spelling.en)`). */
  spell?: Speller;
  /** Spellers for other languages, by code ("pt", "uk"). */
  spellers?: Readonly<Record<string, Speller>>;
  /** Called each time a per-block rule runs: lets tests and benchmarks see the cache at work. */
  onRuleRun?: (rule: StyleRule, block: CheckedBlock) => void;
}

export interface CheckStats {
  blocks: number;
  /** Blocks whose rules ran in the last check. */
  checked: number;
  /** Blocks whose findings came from the cache. */
  reused: number;
}

export interface HouseStyleChecker {
  readonly style: HouseStyle;
  /** Findings in reading order (headline, standfirst, body), without those whose id is in `ignored`. */
  check(input: StoryInput, ignored?: Iterable<string>): Finding[];
  /** What the last check did. */
  readonly stats: CheckStats;
}

interface BlockResult {
  findings: RawFinding[];
  quotes: QuoteMark[];
}

const baseLanguage = (language: string) => language.toLowerCase().split('-')[0] ?? '';

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** FNV-1a, 32 bits, base 36: short, stable and the same in Node and the browser. */
export function hashText(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const PER_BLOCK: StyleRule[] = ['missing-space', 'double-space', 'repeated-word', 'sentence-case', 'numbers', 'preferred-term', 'spelling'];

export function createChecker(style: HouseStyle = defaultHouseStyle, options: CheckOptions = {}): HouseStyleChecker {
  const compiled = compileStyle(style);
  const cache = new Map<string, BlockResult>();
  const stats: CheckStats = { blocks: 0, checked: 0, reused: 0 };
  const houseWords = new Map<string, Set<string>>();

  const spellerFor = (language: string): Speller | undefined => {
    const base = baseLanguage(language);
    return options.spellers?.[language] ?? options.spellers?.[base] ?? (base === 'en' ? options.spell : undefined);
  };
  const wordsFor = (base: string): Set<string> => {
    let words = houseWords.get(base);
    if (!words) {
      words = new Set((style.spelling[base]?.words ?? []).map((w) => w.toLowerCase()));
      houseWords.set(base, words);
    }
    return words;
  };

  function runBlock(block: CheckedBlock, language: string, budget: { suggestions: number; missed: boolean }): BlockResult {
    const findings: RawFinding[] = [];
    const spans = protectedSpans(block.text);
    const base = baseLanguage(language);
    const speller = spellerFor(language);
    const run = (rule: StyleRule, body: () => RawFinding[]) => {
      if (!ruleEnabled(style, rule)) return;
      options.onRuleRun?.(rule, block);
      findings.push(...body());
    };
    for (const rule of PER_BLOCK) {
      switch (rule) {
        case 'missing-space':
          run(rule, () => missingSpace(block, spans));
          break;
        case 'double-space':
          run(rule, () => doubleSpace(block));
          break;
        case 'repeated-word':
          run(rule, () => repeatedWord(block));
          break;
        case 'sentence-case':
          run(rule, () => sentenceCase(block, compiled, spans));
          break;
        case 'numbers':
          // Words for numbers are English words: other languages keep their own style.
          if (base === 'en') run(rule, () => numbers(block, compiled, spans));
          break;
        case 'preferred-term':
          run(rule, () => preferredTerms(block, compiled, spans));
          break;
        case 'spelling':
          if (speller !== undefined) run(rule, () => spelling(block, speller, budget, wordsFor(base), spans));
          break;
      }
    }
    return { findings, quotes: quoteMarks(block) };
  }

  function check(input: StoryInput, ignored: Iterable<string> = []): Finding[] {
    const blocks: CheckedBlock[] = [];
    if (input.headline !== '') blocks.push({ field: 'headline', kind: 'headline', path: [], text: input.headline });
    if (input.standfirst !== '') blocks.push({ field: 'standfirst', kind: 'standfirst', path: [], text: input.standfirst });
    blocks.push(...bodyBlocks(input.body));

    const speller = spellerFor(input.language);
    const budget = { suggestions: 5, missed: false };
    const seen = new Set<string>();
    const results: BlockResult[] = [];
    stats.blocks = blocks.length;
    stats.checked = 0;
    stats.reused = 0;
    for (const block of blocks) {
      // The language and whether a speller exists change what the rules find; the block kind too.
      const key = `${block.kind}\u0000${input.language}\u0000${speller === undefined ? 0 : 1}\u0000${block.text}`;
      let result = cache.get(key);
      if (result === undefined) {
        budget.missed = false;
        result = runBlock(block, input.language, budget);
        // A block whose unknown words went without suggestions (out of budget) is checked again next time.
        if (!budget.missed) cache.set(key, result);
        stats.checked += 1;
      } else {
        stats.reused += 1;
      }
      seen.add(key);
      results.push(result);
    }
    // Keep only what this story uses: an edited paragraph's old text is not coming back often.
    for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);

    const raw: { block: CheckedBlock; finding: RawFinding }[] = [];
    blocks.forEach((block, i) => {
      for (const finding of (results[i] as BlockResult).findings) raw.push({ block, finding });
    });
    raw.push(...mixedQuotes(blocks, results, style));
    raw.push(...lengths(input, style));
    if (ruleEnabled(style, 'spelling') && speller === undefined && blocks.some((b) => b.text.trim() !== '')) {
      const first = blocks[0] as CheckedBlock;
      const name = languageName(baseLanguage(input.language));
      raw.push({
        block: first,
        finding: {
          rule: 'spelling-unavailable',
          start: 0,
          end: 0,
          severity: 'info',
          message: `No spelling dictionary for ${name} (${input.language}) is installed: spelling is not checked in this story`,
        },
      });
    }
    return assemble(raw, new Set(ignored));
  }

  return {
    style,
    check,
    get stats() {
      return { ...stats };
    },
  };
}

/** One check with no cache kept: for the CLI and one-off checks. */
export function checkStory(input: StoryInput, style: HouseStyle = defaultHouseStyle, options: CheckOptions = {}): Finding[] {
  return createChecker(style, options).check(input);
}

function mixedQuotes(blocks: readonly CheckedBlock[], results: readonly BlockResult[], style: HouseStyle): { block: CheckedBlock; finding: RawFinding }[] {
  if (!ruleEnabled(style, 'mixed-quotes')) return [];
  const out: { block: CheckedBlock; finding: RawFinding }[] = [];
  for (const group of ['double', 'single'] as QuoteGroup[]) {
    const pair = group === 'double' ? style.quotes.double : style.quotes.single;
    const houseFamily = quoteFamily([...pair][0] as string);
    const families = new Map<string, number>();
    results.forEach((r) => r.quotes.filter((q) => q.group === group).forEach((q) => families.set(quoteFamily(q.mark), (families.get(quoteFamily(q.mark)) ?? 0) + 1)));
    if (families.size < 2) continue;
    const used = [...families.keys()].map((f) => FAMILY_LABELS[group][f] ?? f).join(' and ');
    results.forEach((result, i) => {
      const block = blocks[i] as CheckedBlock;
      for (const q of result.quotes) {
        if (q.group !== group || quoteFamily(q.mark) === houseFamily) continue;
        const suggestion = houseMark(q.mark, block.text, q.at, pair);
        out.push({
          block,
          finding: {
            rule: 'mixed-quotes',
            start: q.at,
            end: q.at + 1,
            message: `This story mixes ${used}: use ${pair} (house style), so ${q.mark} → ${suggestion}`,
            suggestion,
          },
        });
      }
    });
  }
  return out;
}

const FAMILY_LABELS: Record<QuoteGroup, Record<string, string>> = {
  double: { curly: 'curly quotes “”', straight: 'straight quotes "', guillemets: 'guillemets «»', low: 'low quotes „“' },
  single: { curly: 'curly single quotes and apostrophes ‘’', straight: "straight single quotes and apostrophes '", guillemets: 'single guillemets ‹›', low: 'low single quotes ‚' },
};

function lengths(input: StoryInput, style: HouseStyle): { block: CheckedBlock; finding: RawFinding }[] {
  const out: { block: CheckedBlock; finding: RawFinding }[] = [];
  const fields = [
    { rule: 'headline-length' as const, field: 'headline' as const, text: input.headline, max: style.headline.maxChars, name: 'Headline' },
    { rule: 'standfirst-length' as const, field: 'standfirst' as const, text: input.standfirst, max: style.standfirst.maxChars, name: 'Standfirst' },
  ];
  for (const { rule, field, text, max, name } of fields) {
    const length = [...text].length;
    if (!ruleEnabled(style, rule) || length <= max) continue;
    const cut = text.length - ([...text].slice(max).join('').length);
    out.push({
      block: { field, kind: field, path: [], text },
      finding: { rule, start: cut, end: text.length, message: `${name} is ${length} characters, ${length - max} over the house limit of ${max}: shorten it` },
    });
  }
  return out;
}

const ORDER: Record<BlockField, number> = { headline: 0, standfirst: 1, body: 2, caption: 2 };

function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function assemble(raw: { block: CheckedBlock; finding: RawFinding }[], ignored: ReadonlySet<string>): Finding[] {
  raw.sort(
    (x, y) =>
      ORDER[x.block.field] - ORDER[y.block.field] ||
      comparePaths(x.block.path, y.block.path) ||
      x.finding.start - y.finding.start ||
      x.finding.end - y.finding.end ||
      x.finding.rule.localeCompare(y.finding.rule),
  );
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  for (const { block, finding } of raw) {
    const text = block.text.slice(finding.start, finding.end);
    const context = `${block.text.slice(Math.max(0, finding.start - 12), finding.start)}\u0000${block.text.slice(finding.end, finding.end + 12)}`;
    const base = `${finding.rule}-${hashText(`${block.field}\u0000${text}\u0000${context}`)}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    if (ignored.has(id)) continue;
    findings.push({
      id,
      rule: finding.rule,
      severity: finding.severity ?? 'warning',
      message: finding.message,
      field: block.field,
      block: block.field === 'body' || block.field === 'caption' ? (block.path[0] ?? null) : null,
      path: [...block.path],
      start: finding.start,
      end: finding.end,
      text,
      ...(finding.suggestion !== undefined ? { suggestion: finding.suggestion } : {}),
    });
  }
  return findings;
}

export type { BlockField, BlockKind, CheckedBlock };
