import path from 'node:path';
import englishDictionary from 'dictionary-en';
import { describe, expect, it } from 'vitest';
import { checkStory, createSpeller, defaultHouseStyle } from '../../common/houseStyle/index.js';
import { importStoryFile } from '../../main/services/import/index.js';
import { FIXTURE_ARTICLES } from '../helpers/fixtures.js';

const spell = createSpeller(englishDictionary, defaultHouseStyle.spelling.en);

describe('the copy desk on river-villages.txt, as the importer reads it', async () => {
  const story = await importStoryFile(path.join(FIXTURE_ARTICLES, 'river-villages.txt'));
  const findings = checkStory({ ...story.fields, body: story.body, language: 'en' }, defaultHouseStyle, { spell });

  it('finds the doubled word, the double space, the lower-case sentence start and the mixed quotes, and nothing else', () => {
    expect(findings.map((f) => [f.rule, f.block, f.text, f.suggestion])).toEqual([
      // «» and “” in one story: the guillemets are flagged, with the house marks as the fix.
      ['mixed-quotes', 2, '«', '“'],
      ['mixed-quotes', 2, '»', '”'],
      ['mixed-quotes', 2, '«', '“'],
      ['mixed-quotes', 2, '»', '”'],
      // Not one of the planted slips, but a real one under the house rule (10 and above in figures).
      ['numbers', 4, 'twelve', '12'],
      ['double-space', 5, '  ', ' '],
      ['repeated-word', 5, 'the the', 'the'],
      ['sentence-case', 7, 'the', 'The'],
    ]);
    expect(findings.find((f) => f.rule === 'double-space')?.message).toBe('2 spaces between “in” and “knee-deep”: use one');
    expect(findings.find((f) => f.rule === 'sentence-case')?.message).toBe('A sentence starts in lower case: “the” → “The”');
  });

  it('does not flag British spellings or names (civil defence, metres, Lúcia Ferreira)', () => {
    expect(findings.filter((f) => f.rule === 'spelling')).toEqual([]);
  });

  it('has the glued-on credit as photo data, so it is no slip in the text', () => {
    expect(story.body.root.children[6]).toMatchObject({ type: 'photo', credit: { photographers: ['Carlos Mendes'], agency: 'Agência Sul' } });
    expect(findings.filter((f) => f.rule === 'missing-space')).toEqual([]);
  });

  it('flags the glued credit as a missing space when it stays in a paragraph (text pasted into the editor)', () => {
    const pasted = checkStory(
      { headline: '', standfirst: '', body: ['Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.Carlos Mendes/Agência Sul'], language: 'en' },
      defaultHouseStyle,
      { spell },
    );
    expect(pasted.map((f) => [f.rule, f.text, f.suggestion])).toEqual([['missing-space', 'Thursday.Carlos', 'Thursday. Carlos']]);
  });
});
