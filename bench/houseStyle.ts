/**
 * The copy desk while a reporter types: re-checking a 2,000-word story after a one-word edit, with
 * the English dictionary loaded, as the editor's worker does on each pause. Only the edited
 * paragraph is checked again; the rest comes from the checker's cache.
 */
import { performance } from 'node:perf_hooks';
import englishDictionary from 'dictionary-en';
import { parseStoryDocument, type StoryDocument } from '../common/document.js';
import { createChecker, createSpeller, defaultHouseStyle, type StoryInput } from '../common/houseStyle/index.js';
import { bodyOfWords } from '../tests/helpers/documents.js';
import { time } from './stats.js';

export interface HouseStyleFigures {
  /** Re-check after a one-word edit, in milliseconds. */
  p50: number;
  p95: number;
  runs: number;
  /** The first, uncached check of the whole story. */
  fullCheckMs: number;
  /** Building the English speller (once per session). */
  dictionaryMs: number;
  paragraphs: number;
}

export function benchHouseStyle(runs = 300): HouseStyleFigures {
  let start = performance.now();
  const spell = createSpeller(englishDictionary, defaultHouseStyle.spelling.en);
  const dictionaryMs = performance.now() - start;
  const checker = createChecker(defaultHouseStyle, { spell });

  const body = parseStoryDocument(bodyOfWords(2_000, 7));
  const story: StoryInput = { headline: 'Council approves budget after late vote', standfirst: '', body, language: 'en' };
  start = performance.now();
  checker.check(story);
  const fullCheckMs = performance.now() - start;

  const paragraphs = body.root.children.length;
  const original = body.root.children.map((block) => ((block as { children: { text: string }[] }).children[0] as { text: string }).text);
  // Each run edits one word of the next paragraph (and undoes the previous edit), like typing.
  const inputs: StoryInput[] = [];
  let previous = -1;
  for (let i = 0; i < runs + 20; i += 1) {
    const next = structuredClone(body) as StoryDocument;
    const target = i % paragraphs;
    if (previous >= 0 && previous !== target) ((next.root.children[previous] as { children: { text: string }[] }).children[0] as { text: string }).text = original[previous] as string;
    const run = (next.root.children[target] as { children: { text: string }[] }).children[0] as { text: string };
    run.text = (original[target] as string).replace(/\b\w+\b/, i % 2 === 0 ? 'mayor' : 'bridge');
    inputs.push({ ...story, body: next });
    previous = target;
  }
  const timing = time(runs, (i) => {
    checker.check(inputs[i < 0 ? -1 - i : i + 20] as StoryInput);
  });
  return { p50: timing.p50, p95: timing.p95, runs: timing.runs, fullCheckMs, dictionaryMs, paragraphs };
}
