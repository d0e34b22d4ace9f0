/**
 * Web page leftovers at the end of copied stories: "Share this article", "Read more: …", "Sign up
 * for our newsletter". Only the tail is trimmed, and only lines that match; every line removed is
 * reported, so nothing leaves the story silently.
 */

interface Leftover {
  test: RegExp;
  why: string;
  /** A heading over a list of other stories: the short lines under it go too. */
  section?: boolean;
}

/** What sites print after a prompt: a colon, dots, a dash, a bar or an arrow. */
const SEPARATOR = String.raw`(?:\.{2,}|[:…|»›>—–\-→⟶➔➜►▶▸❯]+)`;
/** The phrase alone, or followed by a separator and a title ("Read more: How …", "More stories →"). */
const ALONE_OR_TITLED = String.raw`(?:\s*${SEPARATOR}?\s*$|\s*${SEPARATOR}\s*\S.*$)`;
const phrase = (words: string) => new RegExp(`^(?:${words})${ALONE_OR_TITLED}`, 'iu');

const LEFTOVERS: Leftover[] = [
  {
    test: phrase(
      'read more|read next|up next|related(?: (?:stories|articles|content|coverage|links|news))?|see also|see more|more on this (?:story|topic)|more (?:stories|news|articles|headlines|videos)|more (?:from|in|on) [\\p{L} ]{2,40}|latest (?:news|stories|headlines)|you (?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| stories| reading| videos)?|most (?:read|popular|viewed|shared)|popular (?:now|stories|today)|trending(?: now| stories)?|further reading|top stories|editor[\'’]?s (?:picks|choice)|don[\'’]t miss|what to read next|in other news|elsewhere on [\\p{L}. ]{2,40}|watch next',
    ),
    why: 'links to other stories',
    section: true,
  },
  { test: phrase('share (?:this|the) (?:article|story|page|post)(?: on [\\p{L} ,]+)?|share (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|email|bluesky|threads)'), why: 'sharing prompt' },
  { test: /^(?:advertisement|advert|sponsored(?: content)?|ad|story continues below(?: advertisement)?)$/i, why: 'advert label' },
  { test: /^(?:sign up|subscribe|register|get)\b.{0,60}\bnewsletters?\b/i, why: 'newsletter prompt' },
  { test: /^subscribe\b/i, why: 'subscription prompt' },
  { test: /^follow (?:us|@[\w.]+) on\b/i, why: 'social media prompt' },
  { test: /^(?:click|tap) here\b/i, why: 'web prompt' },
  {
    test: /^(?:(?:view|show|read|see|load) (?:all )?comments|comments|\d{1,6} comments?|join the (?:conversation|discussion)|leave a comment|have your say)(?:\s*\(\d{1,6}\))?(?:\s*[:→›»>…]+)?$/i,
    why: 'comments link',
  },
  { test: /^(?:tags?|topics?|filed under|categories|category|keywords|more about)\s*:\s*[^.!?]{0,200}$/iu, why: 'tag list', section: true },
  { test: /^(?:©|\(c\)|copyright)\s*\d{4}\b.{0,80}\ball rights reserved\.?$/i, why: 'site copyright notice' },
];

/** The line as a reader sees it: Markdown links, emphasis and list markers taken off. */
export function plainLine(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-+•]\s+|\d{1,3}[.)]\s+)/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TrimmedTail {
  /** Units from this index on are gone. */
  cut: number;
  removed: { text: string; why: string }[];
}

/**
 * Finds where the story ends and the page's leftovers begin, over units (lines of plain text,
 * blocks of HTML). `short` says whether a unit could be a headline in a list of other stories.
 */
export function trimLeftovers<T>(units: readonly T[], textOf: (unit: T) => string, short: (unit: T) => boolean): TrimmedTail {
  let cut = units.length;
  const removed = new Map<number, string>();
  let pending: number[] = [];
  for (let i = units.length - 1; i >= 0; i -= 1) {
    const unit = units[i] as T;
    const raw = textOf(unit);
    // Leftovers are short lines; a long one is copy (and is not worth scanning).
    if (raw.length > 400) break;
    const value = plainLine(raw);
    if (value === '') continue;
    // A sentence ("Read more: the council said it would act.") is copy; links to stories are titles.
    // A line trailing off in dots ("Recommended for you...") is a prompt, not a sentence.
    const sentence = /[.,;]$/.test(value) && !/(?:\.{3}|…)$/.test(value);
    const leftover = value.length <= 200 ? LEFTOVERS.find((l) => l.test.test(value) && !(l.section === true && sentence)) : undefined;
    if (leftover?.section === true) {
      for (const index of pending) removed.set(index, `web page leftover: ${leftover.why}`);
      removed.set(i, `web page leftover: ${leftover.why}`);
      pending = [];
      cut = i;
      continue;
    }
    // A prompt above unrecognised lines would leave a gap: stop rather than guess.
    if (leftover && pending.length === 0) {
      removed.set(i, `web page leftover: ${leftover.why}`);
      cut = i;
      continue;
    }
    if (!leftover && !sentence && short(unit) && pending.length < 12) {
      pending.push(i);
      continue;
    }
    break;
  }
  return {
    cut,
    removed: [...removed.entries()]
      .filter(([index]) => index >= cut)
      .sort(([a], [b]) => a - b)
      .map(([index, why]) => ({ text: textOf(units[index] as T).trim(), why })),
  };
}
