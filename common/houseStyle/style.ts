/**
 * The house style as data: which rules run, the preferred quotes, number style, preferred terms,
 * length limits and spelling settings. The app ships `default-style.json`; a desk may keep its own
 * file, checked here before use.
 */
import { z } from 'zod';
import { NewsroomError } from '../errors.js';
import defaultStyleJson from './default-style.json' with { type: 'json' };

export const RULES = [
  'mixed-quotes',
  'missing-space',
  'double-space',
  'repeated-word',
  'sentence-case',
  'spelling',
  'numbers',
  'preferred-term',
  'headline-length',
  'standfirst-length',
] as const;
export type StyleRule = (typeof RULES)[number];
/** Every rule a finding can name: the style's rules and the notice that spelling was not checked. */
export type RuleId = StyleRule | 'spelling-unavailable';

const pair = z
  .string()
  .refine((value) => [...value].length === 2, 'Give the opening and closing mark, such as “” or «»');

export const houseStyleSchema = z.object({
  name: z.string().min(1).max(200),
  version: z.number().int().min(1),
  rules: z.partialRecord(z.enum(RULES), z.boolean()).default({}),
  quotes: z.object({ double: pair, single: pair }),
  headline: z.object({ maxChars: z.number().int().min(10).max(500) }),
  standfirst: z.object({ maxChars: z.number().int().min(10).max(2_000) }),
  numbers: z.object({
    /** One to this many are written in words ("three people"). */
    wordsUpTo: z.number().int().min(0).max(10),
    /** From this number on, figures ("12 hours", not "twelve hours"). */
    figuresFrom: z.number().int().min(10).max(100),
    /** Words after a number that keep it a figure: units, times, percentages ("3km", "3 per cent"). */
    figuresBefore: z.array(z.string().min(1).max(40)).max(500),
    /** Words before a number that keep it a figure: "aged 7", "page 3", "platform 9". */
    figuresAfter: z.array(z.string().min(1).max(40)).max(500),
  }),
  terms: z
    .array(
      z.object({
        avoid: z.array(z.string().min(1).max(100)).min(1).max(20),
        use: z.string().min(1).max(100),
        note: z.string().max(300).optional(),
        caseSensitive: z.boolean().optional(),
      }),
    )
    .max(2_000),
  spelling: z.record(
    z.string().regex(/^[a-z]{2,3}$/),
    z.object({
      /** For English: which spellings count as right ("en-GB" accepts colour, defence, organise). */
      variant: z.enum(['en-GB', 'en-US']).optional(),
      /** House words the dictionary does not know. */
      words: z.array(z.string().min(1).max(100)).max(10_000).default([]),
    }),
  ),
  /** Words ending in a full stop that do not end a sentence. */
  abbreviations: z.array(z.string().min(1).max(20)).max(1_000),
  /** Words that start a sentence in lower case on purpose. */
  lowercaseStarts: z.array(z.string().min(1).max(40)).max(1_000),
});

export type HouseStyle = z.infer<typeof houseStyleSchema>;

/** Checks a style file's content (JSON text or parsed), naming the first problem. */
export function parseHouseStyle(input: unknown): HouseStyle {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new NewsroomError('invalid-argument', 'The house style file is not valid JSON: fix it or restore the default style');
    }
  }
  const parsed = houseStyleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NewsroomError('invalid-argument', `The house style file has a problem at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'unknown'}`);
  }
  return parsed.data;
}

/** The style the app ships with (common/houseStyle/default-style.json). */
export const defaultHouseStyle: HouseStyle = parseHouseStyle(defaultStyleJson);

export function ruleEnabled(style: HouseStyle, rule: StyleRule): boolean {
  return style.rules[rule] !== false;
}
