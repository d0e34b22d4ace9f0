/**
 * Picks a story's parts out of an imported draft, the way a desk editor reads a filed file: the
 * headline, a standfirst, the byline, the dateline at the start of the first paragraph, photo
 * captions with their credits, and subheads. Each rule is conservative: a block that does not
 * clearly match stays in the body as it was.
 */
import { emptyPhotoNode } from '../../../common/document.js';
import { namesFromText } from '../../../common/names.js';
import { hasCredit } from '../../../common/photo.js';
import type { Dateline } from '../../../common/story.js';
import { splitCaptionCredit } from './credit.js';
import { BOLD, ITALIC, dropLeading, dropTrailing, inlineText, tidyInlines, isTextBlock, wholly, withoutFormat, type DraftBlock, type TextBlock } from './draft.js';
import type { ImportFormat } from './types.js';

export interface ShapedStory {
  headline: string;
  standfirst: string;
  byline: string[];
  dateline: Dateline;
  agency: string;
  blocks: DraftBlock[];
  warnings: string[];
}

const SUBHEAD_MAX_CHARS = 60;
const HEADLINE_MAX_CHARS = 200;

const OPEN_QUOTES = '‘\'“"«„‚‹';
const CLOSE_QUOTES: Record<string, string> = { '‘': '’', "'": "'", '“': '”', '"': '"', '«': '»', '„': '“', '‚': '‘', '‹': '›' };

/** 'Subhead' or “Subhead” without its quotes; other text as it is. */
export function unwrapQuotes(value: string): string {
  const first = value.charAt(0);
  if (!OPEN_QUOTES.includes(first)) return value;
  const close = CLOSE_QUOTES[first] as string;
  const inner = value.slice(1, -1);
  if (value.length < 3 || !value.endsWith(close) || inner.includes(first) || inner.includes(close)) return value;
  return inner.trim();
}

function singleLine(block: TextBlock): boolean {
  return !inlineText(block.inlines).includes('\n') && (block.kind !== 'paragraph' || block.lines === undefined || block.lines <= 1);
}

function looksLikeHeadline(block: DraftBlock): block is TextBlock {
  if (block.kind !== 'paragraph' && block.kind !== 'heading') return false;
  const value = inlineText(block.inlines).trim();
  return (
    singleLine(block) &&
    value.length >= 3 &&
    value.length <= HEADLINE_MAX_CHARS &&
    // One word ("Above", "Draft") is a label, not a headline.
    value.split(/\s+/).length >= 2 &&
    /\p{L}/u.test(value) &&
    !/[.,;:]$/.test(value) &&
    parseByline(value) === null &&
    parseDateline(value) === null &&
    splitCaptionCredit(value) === null
  );
}

const NAME = /^[\p{Lu}][\p{L}\p{M}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}\p{M}'’.-]*|de|da|do|dos|das|del|della|di|du|van|von|der|den|ten|ter|bin|ibn|al|el|la|le|y|e)){0,4}$/u;

/** "By Marta Kowalczyk and Daniel Osei", "By A, B and C" → the names; anything else → null. */
export function parseByline(value: string): string[] | null {
  if (value.length > 200) return null;
  const match = /^by[:\s]\s*(.+?)\s*$/i.exec(value.trim());
  if (!match) return null;
  const names = namesFromText(match[1] as string);
  if (names.length === 0 || names.length > 20) return null;
  return names.every((n) => n.length <= 80 && NAME.test(n)) ? names : null;
}

const CITY = "[\\p{Lu}][\\p{Lu}\\p{M}'’.\\- ]*[\\p{Lu}.]";
const REGION = "[\\p{Lu}][\\p{L}\\p{M}'’.\\-]*(?:\\s+[\\p{L}\\p{M}'’.\\-]+){0,3}";
const DATELINE = new RegExp(
  `^(${CITY})((?:,\\s*${REGION})?)(?:\\s*\\(([^()]{1,40})\\))?(?:\\s*(?:—|–|--)\\s*|\\s+-\\s+)(?=[\\p{L}\\p{N}"“‘'«])`,
  'u',
);

/** "SANTA CRUZ DO SUL, Brazil — The water…" → the place, the agency if named, and its length. */
export function parseDateline(value: string): { place: string; agency: string; length: number } | null {
  const match = DATELINE.exec(value.slice(0, 120));
  if (!match || match[0].length > 90) return null;
  const city = (match[1] as string).trim();
  // The place is printed in capitals: "Nobody — not even…" is a sentence, not a dateline.
  if (city.replace(/[^\p{L}]/gu, '').length < 2 || /\p{Ll}/u.test(city)) return null;
  return { place: `${city}${match[2] ?? ''}`.trim(), agency: (match[3] ?? '').trim(), length: match[0].length };
}

function subheadCandidate(block: DraftBlock, format: ImportFormat): boolean {
  if (block.kind !== 'paragraph' || !singleLine(block)) return false;
  const raw = inlineText(block.inlines).trim();
  const value = unwrapQuotes(raw);
  const styled = wholly(block.inlines, BOLD);
  // In Word and on the web a plain short paragraph is just a short paragraph; subheads are bold.
  if ((format === 'html' || format === 'docx') && !styled) return false;
  return (
    value.length >= 2 &&
    value.length <= SUBHEAD_MAX_CHARS &&
    /^[\p{Lu}\p{N}]/u.test(value) &&
    !/[.,;:]$/.test(value) &&
    !block.inlines.some((i) => i.kind === 'link') &&
    parseByline(value) === null &&
    splitCaptionCredit(raw) === null
  );
}

/** A paragraph that is a caption with its credit becomes a photo placeholder. */
function captionPhoto(block: DraftBlock): DraftBlock | null {
  if (block.kind !== 'paragraph' || block.inlines.some((i) => i.kind === 'link')) return null;
  const found = splitCaptionCredit(inlineText(block.inlines));
  if (!found) return null;
  const node = emptyPhotoNode('');
  node.caption = found.caption;
  node.credit = found.credit;
  return { kind: 'photo', node };
}

export function shapeStory(input: DraftBlock[], format: ImportFormat, hints: { title?: string } = {}): ShapedStory {
  const warnings: string[] = [];
  let blocks = [...input];
  let headline = '';
  let standfirst = '';
  let byline: string[] = [];
  const dateline: Dateline = { place: '', date: '' };
  let agency = '';

  // Headline: an explicit h1 near the top, else a first line shaped like one, else the page title.
  const h1 = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  if (h1 >= 0 && h1 <= 2) {
    headline = inlineText((blocks[h1] as TextBlock).inlines).replace(/\s+/g, ' ').trim();
    blocks.splice(h1, 1);
  } else if (blocks.length > 1 && looksLikeHeadline(blocks[0] as DraftBlock)) {
    headline = unwrapQuotes(inlineText((blocks[0] as TextBlock).inlines).trim());
    blocks.shift();
  } else if (hints.title !== undefined && hints.title.trim() !== '') {
    headline = hints.title.trim();
  }
  blocks = blocks.map((b) => (b.kind === 'heading' && b.level === 1 ? { ...b, level: 2 } : b));

  // Byline within the first few blocks; a block between the headline and the byline is the standfirst.
  const bylineAt = blocks.slice(0, 3).findIndex((b) => b.kind === 'paragraph' && parseByline(inlineText(b.inlines)) !== null);
  if (bylineAt >= 0) {
    byline = parseByline(inlineText((blocks[bylineAt] as TextBlock).inlines)) ?? [];
    const before = blocks.slice(0, bylineAt);
    blocks.splice(bylineAt, 1);
    const first = before[0];
    if (headline !== '' && before.length === 1 && first?.kind === 'paragraph' && inlineText(first.inlines).length <= 400 && parseDateline(inlineText(first.inlines)) === null) {
      standfirst = inlineText(first.inlines).trim();
      blocks.shift();
    }
  }
  if (standfirst === '' && headline !== '') {
    const first = blocks[0];
    const second = blocks[1];
    // A wholly italic (or bold) opening paragraph before more copy reads as the standfirst.
    if (
      first?.kind === 'paragraph' &&
      second !== undefined &&
      (wholly(first.inlines, ITALIC) || wholly(first.inlines, BOLD)) &&
      inlineText(first.inlines).length <= 400 &&
      !subheadCandidate(first, format)
    ) {
      standfirst = inlineText(first.inlines).replace(/\s+/g, ' ').trim();
      blocks.shift();
    }
  }

  // Dateline at the start of the first paragraph.
  const firstText = blocks.findIndex((b) => b.kind !== 'photo');
  const opening = blocks[firstText];
  if (opening?.kind === 'paragraph') {
    const found = parseDateline(inlineText(opening.inlines));
    if (found) {
      dateline.place = found.place;
      agency = found.agency;
      blocks[firstText] = { ...opening, inlines: tidyInlines(dropLeading(opening.inlines, found.length), false) };
      if (agency !== '') warnings.push(`The dateline credits ${agency}: check the byline and the agency's terms before publishing`);
    }
  }

  // Captions with credits, and a lone "Photo: …" line crediting the photo just above it.
  const shaped: DraftBlock[] = [];
  for (const block of blocks) {
    const photo = captionPhoto(block);
    const previous = shaped[shaped.length - 1];
    if (photo?.kind === 'photo' && photo.node.caption === '' && previous?.kind === 'photo' && !hasCredit(previous.node.credit)) {
      previous.node = { ...previous.node, credit: photo.node.credit };
      continue;
    }
    shaped.push(photo ?? block);
  }
  blocks = shaped;

  // Subheads: short lines standing alone between paragraphs, never two in a row.
  blocks = blocks.map((block, i) => {
    const before = blocks[i - 1];
    const after = blocks[i + 1];
    if (
      block.kind !== 'paragraph' ||
      !subheadCandidate(block, format) ||
      before === undefined ||
      after === undefined ||
      !isTextBlock(after) ||
      subheadCandidate(after, format) ||
      subheadCandidate(before, format)
    ) {
      return block;
    }
    const value = inlineText(block.inlines).trim();
    const unwrapped = unwrapQuotes(value);
    const inlines = tidyInlines(withoutFormat(unwrapped === value ? block.inlines : dropLeading(dropTrailing(block.inlines, 1), 1), BOLD), false);
    return { kind: 'heading', level: 2, inlines } satisfies DraftBlock;
  });

  return { headline, standfirst, byline, dateline, agency, blocks, warnings };
}
