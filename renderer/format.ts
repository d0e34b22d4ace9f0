/**
 * How times and dates read on screen, in the reporter's own time zone and locale: the one place
 * the window formats them, so the desk, search, the timeline, notes, revisions and comparisons
 * all say "Today 02:47" and "Dec 1" the same way.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "10:42", local time. */
export function clockTime(iso: string): string {
  const date = dateOf(iso);
  return date === null ? '' : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** "Today", "Yesterday", or null for any other day. */
function nearDay(date: Date, now: Date): string | null {
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return null;
}

/** The day alone: "Dec 1" this year, "Dec 1, 2024" before (in the reader's locale's order). */
function day(date: Date, now: Date): string {
  return date.getFullYear() === now.getFullYear() ? dayMonth.format(date) : dayMonthYear.format(date);
}

/** When a story was last changed, as the desk lists it: "Today 02:47", "Yesterday 18:05", "Dec 1", "Dec 1, 2024". */
export function whenUpdated(iso: string, now: Date = new Date()): string {
  const date = dateOf(iso);
  if (date === null) return '';
  const near = nearDay(date, now);
  return near === null ? day(date, now) : `${near} ${clockTime(iso)}`;
}

/** When something happened on a story (a move, a note, a revision): always with the time, "Today 02:47", "Dec 1, 02:47". */
export function whenDone(iso: string, now: Date = new Date()): string {
  const date = dateOf(iso);
  if (date === null) return '';
  const near = nearDay(date, now);
  return near === null ? `${day(date, now)}, ${clockTime(iso)}` : `${near} ${clockTime(iso)}`;
}

/** The whole date and time, for a tooltip: "Monday, December 1, 2026 at 02:47". */
export function fullDateTime(iso: string): string {
  const date = dateOf(iso);
  return date === null ? '' : full.format(date);
}
