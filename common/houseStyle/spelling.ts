/**
 * Spelling against an offline Hunspell dictionary through nspell, the engine retext-spell runs.
 * The dictionary is handed in (read from disk in main, fetched in a Web Worker), so this file stays
 * pure; building the speller is the slow part (about a second for English) and happens once.
 *
 * retext-spell itself is not used for the check: it takes only a dictionary (not the injected
 * `spell(word)` the copy desk needs for other languages and tests), and it computes suggestions
 * for every unknown word it meets, names included. Only dictionary-en (US) is installed, so for an
 * en-GB house style British spellings (colour, defence, organise, travelled, metres) are accepted
 * by mapping them to their US forms before asking the dictionary.
 */
import nspell from 'nspell';

export interface Dictionary {
  aff: Uint8Array | string;
  dic: Uint8Array | string;
}

/** Says whether a word is spelled right; may offer corrections. */
export interface Speller {
  (word: string): boolean;
  suggest?: (word: string) => string[];
}

export interface SpellerSettings {
  variant?: 'en-GB' | 'en-US';
  /** House words: names of places the desk writes about, trade terms. */
  words?: readonly string[];
}

const asText = (value: Uint8Array | string) => (typeof value === 'string' ? value : new TextDecoder('utf-8').decode(value));

/** One-step rewrites from British to US spelling; applied twice, so "manoeuvres" reaches "maneuvers". */
const BRITISH: [RegExp, string][] = [
  [/our/g, 'or'],
  [/re$/, 'er'],
  [/res$/, 'ers'],
  [/red$/, 'ered'],
  [/ring$/, 'ering'],
  [/tre/g, 'ter'],
  [/bre/g, 'ber'],
  [/ence(s|d)?$/, 'ense$1'],
  [/is(e|es|ed|ing|er|ers|able)$/, 'iz$1'],
  [/isation/g, 'ization'],
  [/ys(e|es|ed|ing|er|ers)$/, 'yz$1'],
  [/ll(ed|ing|er|ers|or|ors|ery)$/, 'l$1'],
  [/([^l])l(s|ment|ments)?$/, '$1ll$2'],
  [/ilful/g, 'illful'],
  [/ogue(s)?$/, 'og$1'],
  [/amme(s)?$/, 'am$1'],
  [/ae/g, 'e'],
  [/oe/g, 'e'],
  [/dgement/g, 'dgment'],
  [/eing$/, 'ing'],
  [/^sc(ep)/, 'sk$1'],
  [/ou(ld|lder|lders|lt)$/, 'o$1'],
  [/ellery$/, 'elry'],
];
const IRREGULAR: Record<string, string> = {
  grey: 'gray', greys: 'grays', greyer: 'grayer', tyre: 'tire', tyres: 'tires', kerb: 'curb', plough: 'plow', aluminium: 'aluminum',
  cheque: 'check', cheques: 'checks', storey: 'story', storeys: 'stories', pyjamas: 'pajamas', draught: 'draft', gaol: 'jail',
  moustache: 'mustache', cosy: 'cozy', amongst: 'among', whilst: 'while', tonne: 'ton', tonnes: 'tons', programme: 'program',
  programmes: 'programs', practise: 'practice', practised: 'practiced', practising: 'practicing', licence: 'license',
};

function britishToUs(word: string): string[] {
  const out = new Set<string>();
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) out.add(irregular);
  let frontier = [word];
  for (let depth = 0; depth < 2; depth += 1) {
    const next: string[] = [];
    for (const form of frontier) {
      for (const [pattern, replacement] of BRITISH) {
        const changed = form.replace(pattern, replacement);
        if (changed !== form && !out.has(changed)) {
          out.add(changed);
          next.push(changed);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

/** A speller over a Hunspell dictionary (for English: dictionary-en's `{ aff, dic }`). */
export function createSpeller(dictionary: Dictionary, settings: SpellerSettings = {}): Speller {
  const checker = nspell(asText(dictionary.aff), asText(dictionary.dic));
  for (const word of settings.words ?? []) checker.add(word);
  const british = settings.variant === 'en-GB';
  const known = new Map<string, boolean>();
  const suggestions = new Map<string, string[]>();

  const spell = ((word: string): boolean => {
    const normalised = word.replace(/’/g, "'");
    const cached = known.get(normalised);
    if (cached !== undefined) return cached;
    let correct = checker.correct(normalised);
    if (!correct && british) correct = britishToUs(normalised.toLowerCase()).some((form) => checker.correct(form));
    // A long session meets many words; keep the cache from growing without end.
    if (known.size > 50_000) known.clear();
    known.set(normalised, correct);
    return correct;
  }) as Speller;
  spell.suggest = (word: string) => {
    const normalised = word.replace(/’/g, "'");
    let found = suggestions.get(normalised);
    if (found === undefined) {
      found = checker.suggest(normalised).slice(0, 5);
      if (suggestions.size > 5_000) suggestions.clear();
      suggestions.set(normalised, found);
    }
    return found;
  };
  return spell;
}
