import { documentFromPlainText, type StoryDocument } from '../../common/document.js';

/** A body of `words` words in paragraphs of about 80 words, as Lexical JSON text. */
export function bodyOfWords(words: number, seed = 1): string {
  const vocabulary = ['council', 'budget', 'river', 'village', 'flood', 'mayor', 'said', 'the', 'water', 'bridge', 'school', 'reporter', 'night', 'market', 'vote'];
  let x = seed;
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < words; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    current.push(vocabulary[x % vocabulary.length] as string);
    if (current.length === 80) {
      paragraphs.push(current.join(' ') + '.');
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' ') + '.');
  return JSON.stringify(documentFromPlainText(paragraphs.join('\n\n')));
}

export function doc(text: string): string {
  return JSON.stringify(documentFromPlainText(text));
}

export type { StoryDocument };
