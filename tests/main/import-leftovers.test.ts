/**
 * Web page leftovers at the end of a copied story (issue 14 item 10): the tails real news sites
 * print under a story, written with three dots, "…", arrows, counts and tag lists, are taken off
 * and each line removed is reported; real sentences, however they end, stay.
 */
import { describe, expect, it } from 'vitest';
import { documentText } from '../../common/document.js';
import { importStoryBytes } from '../../main/services/import/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const STORY = ['Ferry returns', 'The ferry sailed again on Monday, the first crossing since the storm.', 'Islanders lined the quay to watch it come in.'];
const COPY = 'The ferry sailed again on Monday, the first crossing since the storm.\nIslanders lined the quay to watch it come in.';

async function imported(tail: readonly string[], format: 'txt' | 'md' | 'html' = 'txt') {
  const lines = [...STORY, ...tail];
  const source = format === 'html' ? `<html><body><h1>${lines[0]}</h1>${lines.slice(1).map((l) => `<p>${l}</p>`).join('')}</body></html>` : lines.join('\n\n');
  return importStoryBytes(`story.${format}`, bytes(source));
}

// Each tail is what follows the story on some site; every line of it is a leftover.
const TAILS: string[][] = [
  ['Recommended for you...', 'Bridge to close for repairs', 'Harbour fees rise'],
  ['You might also like...', 'Storm damage bill tops £2m'],
  ['More stories...', 'Council tax to rise', 'School reopens after flood'],
  ['Read more…', 'The island that ran out of bread'],
  ['Related stories →', 'Ferry cancelled for a week', 'Harbour master resigns'],
  ['More from Island News ›', 'Lighthouse for sale'],
  ['Most read »', 'Seal pup rescued', 'Ferry timetable changes'],
  ['Read next: How the island kept its school'],
  ['Up next →', 'Storm season forecast'],
  ['Don’t miss...', 'Ten walks on the island'],
  ["Editor's picks", 'The last ferryman'],
  ['Trending now', 'Islanders vote on new pier', 'Puffins return early'],
  ['Latest news...', 'Post office to close'],
  ['Popular now ▸', 'Winter fuel payments'],
  ['See more ›'],
  ['What to read next', 'A day on the quay'],
  ['In other news...', 'Mainland bus strike called off'],
  ['Comments (12)'],
  ['View comments'],
  ['12 comments'],
  ['Join the conversation →'],
  ['Have your say'],
  ['Tags: ferry, storm, islands'],
  ['Topics: Transport, Weather'],
  ['Filed under: Islands'],
  ['Topics:', 'Transport', 'Weather'],
  ['Share this article on Facebook, X', 'Comments (3)'],
  ['Advertisement', 'Recommended for you...', 'Lighthouse keeper retires'],
  ['Sign up for our morning newsletter', 'Tags: ferry, islands'],
  ['You may also enjoy…', 'Island recipes', 'Comments (0)'],
  ['Most shared...', 'The storm in pictures'],
  ['Watch next ▶', 'Video: the first crossing'],
];

describe('web page leftovers at the end of a story', () => {
  it('has at least thirty tails to try', () => {
    expect(TAILS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TAILS.map((tail) => [tail.join(' | '), tail] as const))('takes off %s and reports each line', async (_name, tail) => {
    const story = await imported(tail);
    expect(documentText(story.body)).toBe(COPY);
    expect(story.report.removed.map((r) => r.text)).toEqual(tail);
    for (const line of story.report.removed) expect(line.why).toMatch(/^web page leftover: /);
  });

  it('takes the same tails off a saved web page', async () => {
    for (const tail of TAILS.slice(0, 8)) {
      const story = await imported(tail, 'html');
      expect(documentText(story.body)).toBe(COPY);
      expect(story.report.removed.map((r) => r.text)).toEqual(tail);
    }
  });

  // Copy that looks like a prompt but is a sentence of the story, or is not at its end.
  const SENTENCES: string[][] = [
    ['Read more: the council said it would act within the month.'],
    ['More stories will follow as the inquiry sits.'],
    ['Comments from the minister were not welcome on the island.'],
    ['Topics: the council will discuss fares, the timetable and the pier.'],
    ['And then the water came...'],
    ['Related: a second crossing is planned for Friday, the operator said.'],
  ];
  it.each(SENTENCES.map((tail) => [tail[0] as string, tail] as const))('keeps "%s"', async (_name, tail) => {
    const story = await imported(tail);
    expect(story.report.removed).toEqual([]);
    expect(documentText(story.body)).toBe(`${COPY}\n${tail.join('\n')}`);
  });

  it('keeps a prompt in the middle of the story', async () => {
    const story = await importStoryBytes('story.txt', bytes(['Ferry returns', 'Recommended for you...', 'The ferry sailed again on Monday.', 'It was full.'].join('\n\n')));
    expect(story.report.removed).toEqual([]);
    expect(documentText(story.body)).toBe('Recommended for you...\nThe ferry sailed again on Monday.\nIt was full.');
  });
});
