import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { importStoryBytes } from '../../main/services/import/index.js';
import { FUZZ_RUNS } from './runs.js';

/** Pieces of the things reporters' files are made of, shuffled into nonsense. */
const PIECES = [
  '<p>', '</p>', '<b>', '</b>', '<i>', '<a href="https://example.org">', '<a href="javascript:x()">', '</a>', '<ul>', '<li>', '</ul>', '<ol>',
  '<table><tr><td>', '</td></tr></table>', '<script>', '</script>', '<style>', '<img src="x.png" alt="a">', '<figure>', '<figcaption>', '<br>',
  '<h1>', '</h1>', '<h3>', '<blockquote>', '<!--', '-->', '<div onclick="x()">', '&amp;', '&#150;', '&bogus;', '<', '>', '"', "'",
  '# ', '## ', '> ', '- ', '1. ', '* ', '**', '_', '`', '```', '[', '](', ')', '![', '[^1]', '[^1]: note', '|', '---', '\n', '\n\n', '  ',
  'By Ana Lima', 'LONDON — ', 'KYIV (Reuters) -- ', 'Photo: Jo Park/Harbour Press', 'on Monday.Jo Park/Agência Sul', 'Read more: x', 'Share this article',
  'Advertisement', 'The council met.', 'rain', '«', '»', '“', '”', '—', '\u0000', '\ufffd', 'é', '\t',
];

async function importsCleanly(name: string, bytes: Uint8Array): Promise<void> {
  try {
    const story = await importStoryBytes(name, bytes);
    expect(() => parseStoryDocument(story.body)).not.toThrow();
    for (const photo of story.photos) expect(story.body.root.children[photo.block]).toMatchObject({ type: 'photo', photoId: '' });
    for (const note of story.notes) if (note.anchor?.block !== undefined) expect(note.anchor.block).toBeLessThan(story.body.root.children.length);
  } catch (error) {
    expect(error).toBeInstanceOf(NewsroomError);
  }
}

describe('any input gives a valid story or a clear refusal, never a crash', () => {
  it('for text, Markdown and HTML pieced together at random', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.constantFrom('a.txt', 'a.md', 'a.html'), async (pieces, name) => {
        await importsCleanly(name, new TextEncoder().encode(pieces.join('')));
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  });

  it('for arbitrary strings and bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 400 }).map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 400 })),
        fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.docx', 'a'),
        async (bytes, name) => {
          await importsCleanly(name, bytes);
        },
      ),
      { numRuns: FUZZ_RUNS * 3 },
    );
  });
});
