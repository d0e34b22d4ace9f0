/**
 * The ranking fixture (issue 15): twenty queries a reporter or an editor types, over a seeded desk
 * of realistic stories, each with the story they are looking for. That story must be in the top
 * three, and where one answer is plainly the best (the headline says it, the phrase is exact, the
 * copy is a re-filed duplicate and the newer one counts) it must come first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../common/story.js';
import { by, tempNewsroom, type TestNewsroom } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

interface Seed {
  headline: string;
  standfirst?: string;
  byline?: string[];
  desk?: string;
  body: string;
}

/** The desk's stories, oldest first (they are created in this order). */
const STORIES: Seed[] = [
  {
    headline: 'Flood waters reach the old bridge at Kilnsey',
    standfirst: 'Villages along the Wharfe cut off overnight as the river rises a metre in six hours',
    byline: ['Ana Lima'],
    body: 'Water poured over the parapet of the old bridge before dawn. Sandbags were handed out at the village hall, and the road to Grassington was closed by police. Residents said they had not seen the river so high since 2015.',
  },
  {
    headline: 'Sandbag appeal as more rain forecast',
    byline: ['Tom Reyes'],
    body: 'The county asked volunteers to fill sandbags at three depots. Forecasters expect another 40 mm of rain, and the Environment Agency warned that a flood on the lower Wharfe could follow within a day.',
  },
  {
    headline: 'Council approves £4m budget for schools',
    standfirst: 'Spending on repairs doubles after a winter of leaking roofs',
    byline: ['Priya Shah'],
    body: 'The council voted 31 to 12 for the package. Head teachers welcomed the money but said the backlog of repairs would take years to clear. The budget also covers two new school buses.',
  },
  {
    headline: 'Residents take the council to court over city parking charges',
    byline: ['Priya Shah'],
    body: 'A group of shop owners filed papers on Monday. They say the charges were brought in without consultation.',
  },
  {
    headline: 'City council delays the new parking charges for the town centre until the spring after a row over consultation',
    byline: ['Tom Reyes'],
    body: 'Councillors agreed to wait for a fresh survey of traders. The charges had been due to start in January.',
  },
  {
    headline: 'Hospital waiting lists fall for a third month',
    standfirst: 'Fewer patients wait more than a year for planned surgery',
    byline: ['Mariam Okafor'],
    desk: 'News',
    body: 'The trust said extra weekend clinics had cut the list by 1,200 patients. Unions warned that staff were exhausted.',
  },
  {
    headline: 'Hospitality jobs return to the high street',
    byline: ['Lena Berg'],
    desk: 'Business',
    body: 'Bars and restaurants hired 400 people over the summer, the chamber of commerce said. Owners still struggle to find chefs.',
  },
  {
    headline: 'Ferry strike halts crossings to the islands',
    standfirst: 'Crews walk out over rotas; no sailings until Thursday',
    byline: ['Tom Reyes'],
    body: 'Passengers were turned away at the terminal. The operator said it regretted the disruption and urged the union to return to talks.',
  },
  {
    headline: 'Ferry operator orders two new ships',
    byline: ['Lena Berg'],
    desk: 'Business',
    body: 'The vessels will be built in Finland. Last winter a strike by port staff cost the company a week of sailings.',
  },
  {
    headline: 'Night curfew ends in the old town',
    standfirst: 'A curfew imposed after the riots is lifted as the streets stay calm',
    byline: ['Ana Lima'],
    body: 'Shops reopened late for the first time in a month. Police will keep extra patrols for another week.',
  },
  {
    headline: 'Students plan a march on the square',
    byline: ['Ana Lima'],
    body: 'Organisers expect two thousand people. The last march, held before the curfew, passed off peacefully, and the mayor said it could go ahead.',
  },
  {
    headline: 'Sheep farmers ask for help after attacks',
    byline: ['Mariam Okafor'],
    body: 'Farmers on the moor say wolves have killed forty sheep since May. Wolves were seen near the reservoir twice last week. The farmers want fences paid for, and say the wolves are getting bolder. A ranger counted the tracks of three wolves. Wolves are protected, so no cull is allowed.',
  },
  {
    headline: 'Zoo reopens its north enclosure',
    byline: ['Lena Berg'],
    desk: 'Culture',
    body: 'Visitors can see the bears again after a year of building work. The zoo has also brought back its otters, and a pair of wolves arrives in the spring.',
  },
  {
    headline: 'Málaga flights cancelled by air traffic strike',
    byline: ['Lena Berg'],
    body: 'Holidaymakers were stuck at the airport overnight. Airlines said flights to Málaga and Seville would resume on Sunday.',
  },
  {
    headline: 'Café owners protest against new pavement rules',
    byline: ['Priya Shah'],
    body: 'Tables outside will need a permit from next month. One café owner said the fee would cost her a summer job.',
  },
  {
    headline: 'NHS dentists: a county with none taking new patients',
    byline: ['Mariam Okafor'],
    body: 'Our survey of 42 practices found none accepting adults on the NHS. Some families drive two hours for a check-up.',
  },
  {
    headline: 'A64 closed after lorry overturns',
    byline: ['Tom Reyes'],
    body: 'The road was shut in both directions near Malton for six hours. The driver was treated for minor injuries.',
  },
  {
    headline: 'E-scooters to be banned from the riverside path',
    byline: ['Priya Shah'],
    body: 'The council said riders had frightened walkers and anglers. Hire companies will have to move their docks by June.',
  },
  {
    headline: "Mayor's office spent £80,000 on a rebrand",
    byline: ['Priya Shah'],
    body: 'Documents released under freedom of information show the sum went on a logo and new signs. The mayor said the work was overdue.',
  },
  {
    headline: 'Harbour master retires after forty years',
    byline: ['Ana Lima'],
    body: 'Jim Carr started as a deckhand in 1985. He says the harbour has changed more in the last five years than in the thirty before.',
  },
  {
    headline: 'United beat Rovers in the cup replay',
    byline: ['Sam Ortiz'],
    desk: 'Sport',
    body: 'A late header from the captain settled the match in front of 9,000 fans. United face City in the next round.',
  },
  {
    headline: 'Rovers manager sacked after cup exit',
    byline: ['Sam Ortiz'],
    desk: 'Sport',
    body: 'The board thanked him for three seasons. The next match is at home on Saturday.',
  },
  {
    headline: 'Match of the day: a chess final decided on time',
    byline: ['Lena Berg'],
    desk: 'Culture',
    body: 'The match went to a sixth game before the clock decided it in the last minute.',
  },
  {
    headline: 'Referendum on the bypass set for May',
    byline: ['Tom Reyes'],
    body: 'Voters will be asked whether the council should borrow to build the road. Campaigners on both sides launched their leaflets.',
  },
  {
    headline: 'Library hours cut to save money',
    byline: ['Priya Shah'],
    body: 'Branches will close on Wednesdays. The council said the budget left it no choice; readers collected 3,000 signatures against it.',
  },
  {
    headline: 'Ferry timetable changes for the winter',
    byline: ['Wire'],
    body: 'Sailings to the islands drop to two a day from November. Bookings open on Monday.',
  },
  {
    headline: 'Water company fined for sewage in the river',
    byline: ['Mariam Okafor'],
    body: 'The regulator found that storm overflows ran for 900 hours last year. Swimmers say the river smells in summer.',
  },
  {
    headline: 'Bridge repairs to take a year',
    byline: ['Ana Lima'],
    body: 'Engineers found cracks after the flood. A temporary footbridge will open next to the old bridge at Kilnsey.',
  },
  {
    headline: 'Strike ballot at the bus depot',
    byline: ['Tom Reyes'],
    body: 'Drivers will vote on a strike over pay. The company said its offer was fair.',
  },
  // The same wire copy re-filed: the newer one is the one to find.
  {
    headline: 'Ferry timetable changes for the winter',
    byline: ['Wire'],
    body: 'Sailings to the islands drop to two a day from November. Bookings open on Monday.',
  },
];

/** A desk's everyday traffic around them: filler copy sharing the common words. */
function filler(i: number): Seed {
  const topics = ['weather', 'traffic', 'markets', 'theatre', 'schools', 'parks', 'housing', 'courts'];
  const topic = topics[i % topics.length] as string;
  return {
    headline: `Round-up of the week in ${topic}, part ${i + 1}`,
    byline: ['Desk'],
    body: `A look back at the week. The news on ${topic} was quiet, the town hall said, and the county had little to add. Readers wrote in about the ${topic} page and the letters will run on Saturday.`,
  };
}

let newsroom: TestNewsroom;
const ids = new Map<string, string[]>();

beforeAll(() => {
  newsroom = tempNewsroom();
  const seeds = [...STORIES.slice(0, 10), ...Array.from({ length: 30 }, (_, i) => filler(i)), ...STORIES.slice(10)];
  for (const seed of seeds) {
    const story = newsroom.stories.create(
      { fields: { headline: seed.headline, standfirst: seed.standfirst ?? '', byline: seed.byline ?? [], desk: seed.desk ?? 'News' }, body: doc(seed.body) },
      by(null),
    );
    ids.set(seed.headline, [...(ids.get(seed.headline) ?? []), story.id]);
  }
  // A story in the trash is not an answer, however well it matches.
  const trashed = newsroom.stories.create({ fields: { headline: 'Harbour master harbour master harbour' }, body: doc('Harbour.') }, by(null));
  newsroom.stories.trash(trashed.id);
});
afterAll(() => newsroom.cleanup());

function search(query: string, filter?: { desk?: string }): SearchHit[] {
  return newsroom.stories.search(query, 10, filter ? { filter } : {});
}
function headlines(hits: SearchHit[]): string[] {
  return hits.map((h) => h.story.headline);
}

interface Reference {
  query: string;
  /** The story the person typing wants. */
  best: string;
  /** It must come first (otherwise: in the top 3). */
  first?: boolean;
  filter?: { desk?: string };
  why: string;
}

const REFERENCES: Reference[] = [
  { query: 'flood', best: 'Flood waters reach the old bridge at Kilnsey', first: true, why: 'a headline match beats mentions in the body' },
  { query: 'city council', best: 'City council delays the new parking charges for the town centre until the spring after a row over consultation', first: true, why: 'the exact phrase beats the same words apart in a shorter headline' },
  { query: 'hospi', best: 'Hospital waiting lists fall for a third month', why: 'the last word is matched as typed so far' },
  { query: 'ferry strike', best: 'Ferry strike halts crossings to the islands', first: true, why: 'both words in the headline beat one in the headline and one in the body' },
  { query: 'curfew', best: 'Night curfew ends in the old town', first: true, why: 'headline and standfirst beat a passing mention' },
  { query: 'wolves', best: 'Sheep farmers ask for help after attacks', first: true, why: 'a story about wolves beats one that mentions them once' },
  { query: 'malaga', best: 'Málaga flights cancelled by air traffic strike', first: true, why: 'accents are folded as the reporter types without them' },
  { query: 'cafe pavement', best: 'Café owners protest against new pavement rules', first: true, why: 'accents folded, both words needed' },
  { query: 'NHS', best: 'NHS dentists: a county with none taking new patients', first: true, why: 'case does not matter' },
  { query: 'a64', best: 'A64 closed after lorry overturns', first: true, why: 'road numbers are words' },
  { query: 'e-scooter', best: 'E-scooters to be banned from the riverside path', first: true, why: 'a hyphenated word is its parts, the last a prefix' },
  { query: "mayor's", best: "Mayor's office spent £80,000 on a rebrand", first: true, why: 'an apostrophe is not syntax, and the words together beat the words apart' },
  { query: '"harbour', best: 'Harbour master retires after forty years', first: true, why: 'a stray quote is read as nothing, and the trash is not searched' },
  { query: 'referen', best: 'Referendum on the bypass set for May', first: true, why: 'half-typed' },
  { query: 'match', best: 'United beat Rovers in the cup replay', filter: { desk: 'Sport' }, why: 'within the Sport desk only' },
  { query: 'ferry timetable', best: 'Ferry timetable changes for the winter', first: true, why: 'equal copy: the newer first (checked below)' },
  { query: 'budget schools', best: 'Council approves £4m budget for schools', first: true, why: 'every word in the headline' },
  { query: 'bridge kilnsey', best: 'Flood waters reach the old bridge at Kilnsey', why: 'both words in the headline beat both in the body' },
  { query: 'okafor', best: 'Hospital waiting lists fall for a third month', why: 'a byline is searched' },
  { query: 'sewage river', best: 'Water company fined for sewage in the river', first: true, why: 'a rare word decides, the common one narrows' },
];

describe('the ranking fixture: twenty reference queries over a seeded desk', () => {
  it('holds twenty queries', () => {
    expect(REFERENCES).toHaveLength(20);
  });

  it.each(REFERENCES)('$query → $best ($why)', ({ query, best, first, filter }) => {
    const found = headlines(search(query, filter));
    if (first) expect(found[0], found.join(' | ')).toBe(best);
    else expect(found.slice(0, 3), found.join(' | ')).toContain(best);
  });
});

describe('what the fixture also checks', () => {
  it('breaks a tie in favour of the newer story', () => {
    const [older, newer] = ids.get('Ferry timetable changes for the winter') as [string, string];
    const hits = search('ferry timetable').map((h) => h.story.id);
    expect(hits.slice(0, 2)).toEqual([newer, older]);
  });

  it('puts headline matches above body matches for a word in both kinds', () => {
    const hits = search('strike');
    const inHeadline = hits.map((h) => /strike/i.test(h.story.headline));
    expect(inHeadline).toContain(false);
    // Every headline match comes before every story that has the word only in its copy.
    expect(inHeadline.indexOf(false)).toBeGreaterThan(inHeadline.lastIndexOf(true));
  });

  it('keeps a filter to its desk', () => {
    const hits = search('match', { desk: 'Sport' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.story.desk === 'Sport')).toBe(true);
    expect(headlines(search('match'))).toContain('Match of the day: a chess final decided on time');
  });

  it('never answers with a story in the trash', () => {
    expect(headlines(search('harbour master'))).toEqual(['Harbour master retires after forty years']);
  });
});
