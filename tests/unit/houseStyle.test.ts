import englishDictionary from 'dictionary-en';
import { describe, expect, it } from 'vitest';
import { documentFromPlainText, emptyPhotoNode, type StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import {
  checkStory,
  createSpeller,
  defaultHouseStyle,
  parseHouseStyle,
  type Finding,
  type HouseStyle,
  type RuleId,
  type Speller,
  type StoryInput,
} from '../../common/houseStyle/index.js';

// Built once for the file: loading the dictionary is the slow part, never per check.
const britishSpeller = createSpeller(englishDictionary, defaultHouseStyle.spelling.en);

function story(body: StoryInput['body'], more: Partial<StoryInput> = {}): StoryInput {
  return { headline: '', standfirst: '', body, language: 'en', ...more };
}
function findings(text: string | string[], options: { style?: HouseStyle; spell?: Speller; language?: string } = {}): Finding[] {
  return checkStory(story(Array.isArray(text) ? text : [text], { language: options.language ?? 'en' }), options.style ?? defaultHouseStyle, {
    spell: options.spell ?? britishSpeller,
  });
}
/** [text, suggestion] of each finding of `rule`. */
function flagged(rule: RuleId, text: string | string[], options: Parameters<typeof findings>[1] = {}): [string, string | undefined][] {
  return findings(text, options)
    .filter((f) => f.rule === rule)
    .map((f) => [f.text, f.suggestion]);
}

describe('missing space after punctuation', () => {
  it.each([
    ['He left the clinic.Dean Ross took over.', 'clinic.Dean', 'clinic. Dean'],
    ['Then she asked why?Nobody knew.', 'why?Nobody', 'why? Nobody'],
    ['They brought food,water and blankets.', 'food,water', 'food, water'],
    ['He said:this is it.', 'said:this', 'said: this'],
    ['It ended.“Never again,” she said.', 'ended.“Never', 'ended. “Never'],
  ])('flags %j', (text, word, fix) => {
    expect(flagged('missing-space', text)).toEqual([[word, fix]]);
  });

  it.each([
    'Inflation was 3.5 per cent, up from 2,000 cases.',
    'U.S. troops and U.K. officials met.',
    'Bring papers, e.g. passports.',
    'See https://example.com/News.Today and www.example.org/A.B for more.',
    'Write to desk@example.com.Or call.',
    'Carlos Mendes/Agência Sul took the picture.',
    'She has a Ph.D in physics.',
    'Open report.PDF in the viewer.',
    'Meet at 10:30 on Monday.',
  ])('does not flag %j', (text) => {
    expect(flagged('missing-space', text)).toEqual([]);
  });
});

describe('double spaces', () => {
  it('flags two or more spaces between words and between sentences', () => {
    expect(flagged('double-space', 'standing in  knee-deep water. Then   it rose.')).toEqual([
      ['  ', ' '],
      ['   ', ' '],
    ]);
    expect(findings('Standing in  knee-deep water.').find((f) => f.rule === 'double-space')?.message).toBe('2 spaces between “in” and “knee-deep”: use one');
  });

  it('does not flag single spaces, spaces at the ends, or a line break', () => {
    expect(flagged('double-space', ['One space only.', '  Leading and trailing.  ', 'Line one\nLine two'])).toEqual([]);
  });
});

describe('repeated words (retext-repeated-words)', () => {
  it('flags a doubled word, whatever its case', () => {
    expect(flagged('repeated-word', 'We are moving people in the the dark.')).toEqual([['the the', 'the']]);
    expect(flagged('repeated-word', 'The the council met.')).toEqual([['The the', 'The']]);
  });

  it('does not flag words that may come twice, names, or a word ending one paragraph and starting the next', () => {
    expect(flagged('repeated-word', ['They had had enough.', 'He said that that was all.', 'Duran Duran played.'])).toEqual([]);
    expect(flagged('repeated-word', ['The money went to the', 'the fund.'])).toEqual([]);
  });
});

describe('sentences starting in lower case', () => {
  it('flags a sentence or a paragraph that starts in lower case', () => {
    expect(flagged('sentence-case', 'It rained on Saturday. the state asked for help.')).toEqual([['the', 'The']]);
    expect(flagged('sentence-case', 'the water rose overnight.')).toEqual([['the', 'The']]);
    expect(flagged('sentence-case', 'Who knew? nobody did.')).toEqual([['nobody', 'Nobody']]);
  });

  it.each([
    'Bring papers, e.g. passports and i.e. anything with a photo.',
    'U.S. troops arrived. The U.S. army said so.',
    'She met Mr. smith at the door.',
    'Written by J. k. Rowling.',
    'Sales of the iPhone rose. iPhone users were pleased.',
    '“Why?” she asked.',
    'He paused... then went on.',
    'Read the report. www.example.org has it all.',
    'https://example.org/report is where it lives.',
  ])('does not flag %j', (text) => {
    expect(flagged('sentence-case', text)).toEqual([]);
  });

  it('does not flag list items, which often carry on the sentence before the list', () => {
    const doc = documentFromPlainText('Three things changed:');
    doc.root.children.push({
      type: 'list',
      version: 1,
      listType: 'bullet',
      children: [{ type: 'listitem', version: 1, children: [{ type: 'text', version: 1, text: 'taxes rose', format: 0 }] }],
    } as unknown as StoryDocument['root']['children'][number]);
    expect(checkStory(story(doc), defaultHouseStyle, { spell: britishSpeller }).filter((f) => f.rule === 'sentence-case')).toEqual([]);
  });
});

describe('spelling, against the offline dictionary', () => {
  it('flags unknown lower-case words and suggests a correction', () => {
    expect(flagged('spelling', 'They did not recieve the aid.')).toEqual([['recieve', 'receive']]);
  });

  it('accepts British spellings under the en-GB house style, and house words', () => {
    expect(flagged('spelling', 'The civil defence agency organised travel; colours, metres, centres and programmes; the councillors travelled.')).toEqual([]);
  });

  it('flags them under an en-US style', () => {
    const american = createSpeller(englishDictionary, { variant: 'en-US' });
    expect(flagged('spelling', 'The civil defence agency.', { spell: american })).toEqual([['defence', 'defense']]);
  });

  it('leaves names, addresses and words with figures to the reporter', () => {
    expect(flagged('spelling', 'Kowalczyk and Osei met Lúcia Ferreira at https://exampel.org/sumthing and wrote to jo@exampel.org about 4th place and the 2020s.')).toEqual([]);
  });

  it('takes an injected speller for any language', () => {
    const ukrainian: Speller = (word) => word !== 'помилка';
    const result = checkStory(story(['Це помилка тут.'], { language: 'uk' }), defaultHouseStyle, { spellers: { uk: ukrainian } });
    expect(result.filter((f) => f.rule === 'spelling').map((f) => f.text)).toEqual(['помилка']);
  });

  it('says once, as information, when the story’s language has no dictionary', () => {
    const result = checkStory(story(['Uma frase em português.', 'Outra frase com erros: xpto qwrty.'], { language: 'pt-BR' }), defaultHouseStyle, { spell: britishSpeller });
    const notices = result.filter((f) => f.rule === 'spelling-unavailable');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ severity: 'info', message: 'No spelling dictionary for Portuguese (pt-BR) is installed: spelling is not checked in this story' });
    expect(result.filter((f) => f.rule === 'spelling')).toEqual([]);
  });
});

describe('numbers: one to nine in words, 10 and above in figures', () => {
  it('flags small numbers in figures and large numbers in words', () => {
    expect(flagged('numbers', 'The fire killed 3 people and injured twelve.')).toEqual([
      ['3', 'three'],
      ['twelve', '12'],
    ]);
    expect(flagged('numbers', 'It rained for twenty-four hours.')).toEqual([['twenty-four', '24']]);
    expect(flagged('numbers', 'Officials met. 3 people were hurt.')).toEqual([['3', 'Three']]);
    expect(flagged('numbers', 'About 3 people came, with only 2 cars.')).toEqual([
      ['3', 'three'],
      ['2', 'two'],
    ]);
  });

  it.each([
    'Inflation rose to 3.5 per cent, or 3%, and 3 per cent in May.',
    'The train leaves at 3pm, or 3 p.m., or 3:30.',
    'Polls close on 3 March; results come on March 5.',
    'A boy aged 7 and a 5-year-old girl were rescued.',
    'See page 3 and chapter 9 of the report.',
    'Apollo 9 flew before Category 4 storms were named.',
    'They won 3-1 after extra time.',
    'Between 3 and 12 people were hurt; 3 to 15 homes lost.',
    'The river rose 3km and 4 metres; a 2 million grant followed.',
    'It cost £3 and 5p.',
    'Twelve people died.',
    'Nine out of ten voters agreed.',
    'Ten thousand marched; twenty million watched.',
    'At least 14 people and 2,000 residents.',
  ])('does not flag %j', (text) => {
    expect(flagged('numbers', text)).toEqual([]);
  });

  it('leaves headlines alone (they use figures) and other languages to their own style', () => {
    const result = checkStory(story(['Texto.'], { headline: '3 dead as storm hits coast' }), defaultHouseStyle, { spell: britishSpeller });
    expect(result.filter((f) => f.rule === 'numbers')).toEqual([]);
    expect(flagged('numbers', 'Morreram 3 pessoas.', { language: 'pt' })).toEqual([]);
  });
});

describe('preferred terms from the style file', () => {
  it('flags terms the house avoids and keeps their case', () => {
    expect(flagged('preferred-term', 'Shelling in Kiev and KIEV; Kharkov, Odessa. Send an e-mail, E-mail or e-mails. Up 5 percent.')).toEqual([
      ['Kiev', 'Kyiv'],
      ['KIEV', 'KYIV'],
      ['Kharkov', 'Kharkiv'],
      ['Odessa', 'Odesa'],
      ['e-mail', 'email'],
      ['E-mail', 'Email'],
      ['e-mails', 'email'],
      ['percent', 'per cent'],
    ]);
  });

  it('does not flag the preferred terms, longer words or addresses', () => {
    expect(flagged('preferred-term', 'Kyiv, Kharkiv and Odesa; the percentage; the Ukrainian army; https://kiev.example.com/odessa.')).toEqual([]);
  });

  it('explains a term with the style file’s note', () => {
    expect(findings('In Kiev today.').find((f) => f.rule === 'preferred-term')?.message).toBe('House style: “Kyiv”, not “Kiev” (Ukrainian spelling, house style since 2022)');
  });
});

describe('headline and standfirst length limits', () => {
  it('flags the part over the limit', () => {
    const headline = 'A'.repeat(100);
    const result = checkStory(story(['Body.'], { headline, standfirst: 'S'.repeat(241) }), defaultHouseStyle, { spell: britishSpeller });
    expect(result.filter((f) => f.rule.endsWith('-length'))).toMatchObject([
      { rule: 'headline-length', field: 'headline', start: 90, end: 100, message: 'Headline is 100 characters, 10 over the house limit of 90: shorten it' },
      { rule: 'standfirst-length', field: 'standfirst', start: 240, end: 241 },
    ]);
  });

  it('does not flag a headline at the limit', () => {
    const result = checkStory(story(['Body.'], { headline: 'A'.repeat(90) }), defaultHouseStyle, { spell: britishSpeller });
    expect(result.filter((f) => f.rule === 'headline-length')).toEqual([]);
  });
});

describe('mixed quote styles in one story', () => {
  it('flags «» when the story also uses “” (house style: “”), with the house mark as the fix', () => {
    expect(flagged('mixed-quotes', ['«We heard it», she said.', '“Then it came,” he said.'])).toEqual([
      ['«', '“'],
      ['»', '”'],
    ]);
  });

  it('flags straight quotes and apostrophes mixed with curly ones, opening or closing by position', () => {
    expect(flagged('mixed-quotes', ['He said "no" and “yes”.', 'It’s late and it\'s dark.'])).toEqual([
      ['"', '“'],
      ['"', '”'],
      ["'", '’'],
    ]);
  });

  it('does not flag a story that keeps to one style, even if it is not the house one', () => {
    expect(flagged('mixed-quotes', ['"Yes," she said. "It\'s done."', 'He said "no".'])).toEqual([]);
    expect(flagged('mixed-quotes', ['«Sim», disse ela.', '«Não», disse ele.'])).toEqual([]);
    expect(flagged('mixed-quotes', ['“Yes,” she said, ‘quoting’ him.'])).toEqual([]);
  });
});

describe('where findings point', () => {
  it('gives the block path and character range of list items and photo captions', () => {
    const doc = documentFromPlainText('Intro.');
    doc.root.children.push(
      {
        type: 'list',
        version: 1,
        listType: 'bullet',
        children: [
          { type: 'listitem', version: 1, children: [{ type: 'text', version: 1, text: 'Fine item.', format: 0 }] },
          { type: 'listitem', version: 1, children: [{ type: 'text', version: 1, text: 'Item in  Kiev.', format: 0 }] },
        ],
      } as unknown as StoryDocument['root']['children'][number],
      { ...emptyPhotoNode(''), caption: 'Smoke over Kiev on Monday.' },
    );
    const result = checkStory(story(doc), defaultHouseStyle, { spell: britishSpeller });
    expect(result.map((f) => [f.rule, f.field, f.block, f.path, f.start, f.end, f.text])).toEqual([
      ['double-space', 'body', 1, [1, 1], 7, 9, '  '],
      ['preferred-term', 'body', 1, [1, 1], 9, 13, 'Kiev'],
      ['preferred-term', 'caption', 2, [2], 11, 15, 'Kiev'],
    ]);
  });

  it('keeps ids stable when other paragraphs change, and tells repeated slips apart', () => {
    const before = findings(['In Kiev today.', 'Quiet.', 'In Kiev today.']);
    const after = findings(['A new opening paragraph.', 'In Kiev today.', 'Quiet, now edited.', 'In Kiev today.']);
    expect(before.map((f) => f.id)).toEqual(after.map((f) => f.id));
    expect(new Set(before.map((f) => f.id)).size).toBe(2);
    expect(before[1]?.id).toBe(`${before[0]?.id}-2`);
  });

  it('leaves out findings the desk chose to ignore, by id', () => {
    const all = findings(['In Kiev today, 3 people.']);
    const ignored = all.find((f) => f.rule === 'preferred-term')?.id as string;
    const result = checkStory(story(['In Kiev today, 3 people.']), defaultHouseStyle, { spell: britishSpeller }).filter((f) => f.id !== ignored);
    expect(result.map((f) => f.rule)).toEqual(['numbers']);
  });
});

describe('the style file', () => {
  it('ships a default that parses, and rules can be switched off', () => {
    expect(defaultHouseStyle.headline.maxChars).toBe(90);
    const quiet = parseHouseStyle({ ...defaultHouseStyle, rules: { numbers: false, spelling: false } });
    expect(flagged('numbers', 'The fire killed 3 people.', { style: quiet })).toEqual([]);
    expect(findings('They did not recieve it.', { style: quiet }).map((f) => f.rule)).toEqual([]);
  });

  it('refuses a broken style file with a message saying where', () => {
    expect(() => parseHouseStyle('{ not json')).toThrow(NewsroomError);
    expect(() => parseHouseStyle({ ...defaultHouseStyle, quotes: { double: '"', single: '‘’' } })).toThrow(
      'The house style file has a problem at quotes.double: Give the opening and closing mark, such as “” or «»',
    );
  });
});
