/**
 * Dates as a published page prints them. Hand-made tables rather than `Intl`: Node and Chromium
 * ship different ICU data, and the same story must render to the same bytes everywhere.
 */

/** AP style: March to July are never abbreviated, September is "Sept.". */
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
/** Ukrainian and Russian months in the genitive, as in "24 листопада". */
const UK_MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function calendarDate(match: RegExpExecArray | null): CalendarDate | null {
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** The date of a `YYYY-MM-DD` string, or null if it is not one. */
export function parseIsoDate(value: string): CalendarDate | null {
  return calendarDate(ISO_DATE.exec(value));
}

/**
 * The calendar date of an ISO timestamp as written (so "2024-11-24T01:00:00+02:00" is the 24th,
 * the date the newsroom that wrote it saw), or null if the value is not an ISO date or timestamp.
 */
export function parseIsoTimestamp(value: string): CalendarDate | null {
  return calendarDate(ISO_DATE_TIME.exec(value));
}

function primary(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}

/** Day and month for a dateline: "Nov. 24", "24 листопада". */
export function datelineDate(date: CalendarDate, language: string): string {
  const lang = primary(language);
  if (lang === 'uk') return `${date.day} ${UK_MONTHS[date.month - 1]}`;
  if (lang === 'ru') return `${date.day} ${RU_MONTHS[date.month - 1]}`;
  return `${AP_MONTHS[date.month - 1]} ${date.day}`;
}

/** A full date for the publication line: "Nov. 24, 2024", "24 листопада 2024". */
export function longDate(date: CalendarDate, language: string): string {
  const lang = primary(language);
  if (lang === 'uk' || lang === 'ru') return `${datelineDate(date, language)} ${date.year}`;
  return `${datelineDate(date, language)}, ${date.year}`;
}
