import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typeset, typesetRuns } from '../../common/publish/typography.js';

describe('publication typography', () => {
  it.each([
    ['en', 'She said "we are leaving" and left.', 'She said “we are leaving” and left.'],
    ['en', '"It\'s the river," he said. \'Nobody\' came.', '“It’s the river,” he said. ‘Nobody’ came.'],
    ['en', '"\'Run,\' she told us," he said.', '“‘Run,’ she told us,” he said.'],
    ['en', 'Back in the \'90s, the reporters\' union won.', 'Back in the ’90s, the reporters’ union won.'],
    ['en-GB', '"Quoted"', '“Quoted”'],
    ['uk', '"Ми почули річку", сказала вона.', '«Ми почули річку», сказала вона.'],
    ['uk', '"Він сказав "так" учора"', '«Він сказав „так“ учора»'],
    ['uk', '«Він сказав "так" учора»', '«Він сказав „так“ учора»'],
    ['uk', 'М\'ята і п\'ять', 'М’ята і п’ять'],
    ['ru', '"Вода пришла ночью", - сказал он.', '«Вода пришла ночью», — сказал он.'],
    ['ru', '"Он сказал "нет" дважды"', '«Он сказал „нет“ дважды»'],
    ['de', '"Wir gehen", sagte sie.', '„Wir gehen“, sagte sie.'],
  ])('%s: %s', (language, input, expected) => {
    expect(typeset(input, language)).toBe(expected);
  });

  it('leaves quotation marks as typed in a language without a house quote style, but sets apostrophes and dashes', () => {
    expect(typeset('Il a dit "non" -- l\'homme...', 'fr')).toBe('Il a dit "non" — l’homme…');
  });

  it.each([
    ['pages 10-12 and 1990-95', 'pages 10–12 and 1990–95'],
    ['filed 2024-11-24, call 555-12-34', 'filed 2024-11-24, call 555-12-34'],
    ['a well-known COVID-19 case', 'a well-known COVID-19 case'],
    ['the vote -- 52 to 31 -- passed', 'the vote — 52 to 31 — passed'],
    ['the vote---52 to 31', 'the vote—52 to 31'],
    ['rain - then floods', 'rain — then floods'],
    ['- a list-like start', '- a list-like start'],
    ['and then... nothing', 'and then… nothing'],
  ])('dashes and ellipses: %s', (input, expected) => {
    expect(typeset(input, 'en')).toBe(expected);
  });

  it('pairs quotes across text nodes (a bold word inside quotes) and keeps each run separate', () => {
    expect(typesetRuns([{ text: 'He said "' }, { text: 'never' }, { text: '" twice.' }], 'en')).toEqual(['He said “', 'never', '” twice.']);
    expect(typesetRuns([{ text: 'Вона сказала "' }, { text: 'ні' }, { text: '".' }], 'uk')).toEqual(['Вона сказала «', 'ні', '».']);
    // A quote that opens in one paragraph-run and closes after a link's text.
    expect(typesetRuns([{ text: '"Read ' }, { text: 'the report' }, { text: '," she said.' }], 'en')).toEqual(['“Read ', 'the report', ',” she said.']);
  });

  it('leaves verbatim runs (code, addresses) unchanged while they still give context', () => {
    expect(typesetRuns([{ text: 'Type ' }, { text: '"--force"', verbatim: true }, { text: ' -- not "-f".' }], 'en')).toEqual([
      'Type ',
      '"--force"',
      ' — not “-f”.',
    ]);
  });

  const prose = fc.string({ unit: fc.constantFrom('a', 'b', 'я', '1', '9', ' ', '"', "'", '«', '»', ',', '!', '(', ')', '\n') });

  it('gives the same result however a block is split into runs (quote decisions look across runs)', () => {
    fc.assert(
      fc.property(prose, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('en', 'uk', 'ru', 'de', 'fr'), (text, cuts, language) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const runs = [0, ...points, text.length].slice(0, -1).map((start, i, starts) => ({ text: text.slice(start, starts[i + 1] ?? text.length) }));
        expect(typesetRuns(runs, language).join('')).toBe(typeset(text, language));
      }),
    );
  });

  it('never adds, drops or reorders letters and digits, and typesetting twice changes nothing more', () => {
    const any = fc.string({ unit: fc.constantFrom('a', 'Z', 'ї', '7', ' ', '"', "'", '-', '.', '«', '»', '—', '\t') });
    fc.assert(
      fc.property(any, fc.constantFrom('en', 'uk', 'ru', 'de', 'pt-BR'), (text, language) => {
        const words = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
        const once = typeset(text, language);
        expect(words(once)).toBe(words(text));
        expect(typeset(once, language)).toBe(once);
      }),
    );
  });
});
