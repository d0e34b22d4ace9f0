/**
 * One rule for names typed as text (issue 14): "Ana Lima and Tom Ruiz" is two names in the
 * importer's byline and credit readers as in common/names.ts. The app's boxes are checked in
 * tests/e2e/names.spec.ts, the command line's --byline in tests/main/cli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { namesFromText } from '../../common/names.js';
import { parseCredit } from '../../main/services/import/credit.js';
import { parseByline } from '../../main/services/import/shape.js';

const WRITTEN = [
  'Ana Lima',
  'Ana Lima and Tom Ruiz',
  'Ana Lima & Tom Ruiz',
  'Ana Lima, Tom Ruiz and Eve Oduya',
  'Ana Lima, Tom Ruiz, and Eve Oduya',
  'Ana Lima; Tom Ruiz',
];

describe('names from text: the importer reads them as the byline box does', () => {
  it.each(WRITTEN)('"By %s"', (names) => {
    expect(parseByline(`By ${names}`)).toEqual(namesFromText(names));
  });

  it.each(WRITTEN)('"Photo: %s/Agência Sul"', (names) => {
    expect(parseCredit(`Photo: ${names}/Agência Sul`)?.photographers).toEqual(namesFromText(names));
  });

  it('a name holding "and" inside a word stays one name', () => {
    expect(parseByline('By Fernando Andrade')).toEqual(['Fernando Andrade']);
    expect(parseCredit('Photo: Alexandra Sandoval/Reuters')?.photographers).toEqual(['Alexandra Sandoval']);
  });
});
