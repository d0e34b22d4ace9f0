/**
 * Photo credits as reporters type them ("Carlos Mendes/Agência Sul", "Photo: Sam Whitaker/Yorkshire
 * Post", "AFP via Getty Images"), read back into a `PhotoCredit` so the credit is data again.
 */
import { namesFromText } from '../../../common/names.js';
import { emptyCredit, type PhotoCredit } from '../../../common/photo.js';

const PARTICLE = '(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|ten|ter|bin|ibn|al|el|la|le|y|e)';
const NAME_WORD = "[\\p{Lu}][\\p{L}\\p{M}'’.-]*";
/** "Carlos Mendes", "Anne-Marie de la Cruz", "J. Smith": capitalised words and name particles. */
const PERSON = new RegExp(`^${NAME_WORD}(?:\\s+(?:${NAME_WORD}|${PARTICLE})){0,4}$`, 'u');
/** "Agência Sul", "Yorkshire Post", "The New York Times", "AP Images": short, capitalised. */
const AGENCY = /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’.&-]*(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’.&-]*|[\p{Ll}]{1,4})){0,5}$/u;
const AGENCY_WORDS = /\b(?:press|agency|agência|agencia|images|news|photos?|handout|pool|getty|reuters|afp|ap|epa|pa|shutterstock|alamy|wire|media|staff)\b/i;
const PREFIX = /^(?:photo(?:graph)?s?|pictures?|images?|credit|foto|fotos)\s*:\s*/i;

function people(value: string): string[] | null {
  const names = namesFromText(value);
  if (names.length === 0 || names.length > 10) return null;
  return names.every((n) => n.length <= 60 && PERSON.test(n)) ? names : null;
}

function agency(value: string): string | null {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.length <= 80 && AGENCY.test(trimmed) ? trimmed : null;
}

/**
 * A credit line on its own ("Photo: Name/Agency", "Name/Agency via Distributor", "Reuters"). With
 * `prefixed` false the "Photo:" label is optional but the slash is required, so ordinary words are
 * never taken for a credit.
 */
export function parseCredit(line: string, options: { requirePrefix?: boolean } = {}): PhotoCredit | null {
  let value = line.trim().replace(/^\(|\)$/g, '').trim();
  const prefixed = PREFIX.test(value);
  if (options.requirePrefix === true && !prefixed) return null;
  value = value.replace(PREFIX, '').trim();
  if (value === '' || value.length > 160) return null;
  const credit = emptyCredit();
  const via = /^(.*?)\s+via\s+(.+)$/i.exec(value);
  if (via) {
    const distributor = agency(via[2] as string);
    if (distributor === null) return null;
    credit.via = distributor;
    value = (via[1] as string).trim();
  }
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const names = people(value.slice(0, slash));
    const source = agency(value.slice(slash + 1));
    if (names === null || source === null) return null;
    credit.photographers = names;
    credit.agency = source;
    return credit;
  }
  if (!prefixed && credit.via === '') return null;
  if (value === '') return credit.via !== '' ? credit : null;
  if (AGENCY_WORDS.test(value) || /^[\p{Lu}\d]{2,}$/u.test(value)) {
    const source = agency(value);
    if (source === null) return null;
    credit.agency = source;
    return credit;
  }
  const names = people(value);
  if (names === null) return null;
  credit.photographers = names;
  return credit;
}

export interface CaptionWithCredit {
  caption: string;
  credit: PhotoCredit;
}

/**
 * A caption with its credit at the end, as wire copy and reporters' files carry them:
 * "…on Thursday.Carlos Mendes/Agência Sul" (glued on after the full stop),
 * "…on Thursday. Photo: Name/Agency", or a lone "Photo: Name/Agency" (empty caption).
 */
export function splitCaptionCredit(value: string): CaptionWithCredit | null {
  const textValue = value.trim();
  if (textValue.length > 600 || textValue.includes('\n')) return null;
  const whole = parseCredit(textValue, { requirePrefix: true });
  if (whole) return { caption: '', credit: whole };
  const labelled = /^(.{10,}?[.!?]["'’”»)]?)\s*(\(?(?:photo(?:graph)?s?|pictures?|images?|credit|foto)\s*:\s*[^:]+\)?)$/iu.exec(textValue);
  const glued = /^(.{10,}[.!?]["'’”»)]?)\s*([^.!?/]{2,60}\/[^/]{2,120})$/u.exec(textValue);
  for (const match of [labelled, glued]) {
    if (!match) continue;
    const credit = parseCredit(match[2] as string);
    if (credit === null) continue;
    return { caption: (match[1] as string).trim(), credit };
  }
  return null;
}
