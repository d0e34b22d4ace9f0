/** The window's one date format (renderer/format.ts): the day always shows, in the reader's time zone. */
import { describe, expect, it } from 'vitest';
import { whenDone, whenUpdated } from '../../renderer/format.js';

const now = new Date(2026, 11, 10, 15, 0);
const at = (...parts: [number, number, number, number, number]) => new Date(...parts).toISOString();
const dayMonth = (d: Date) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(d);

describe('whenUpdated, as the desk lists stories', () => {
  it('says Today and Yesterday with the time, and a date without it before that', () => {
    expect(whenUpdated(at(2026, 11, 10, 2, 47), now)).toBe('Today 02:47');
    expect(whenUpdated(at(2026, 11, 9, 23, 5), now)).toBe('Yesterday 23:05');
    expect(whenUpdated(at(2026, 11, 1, 9, 0), now)).toBe(dayMonth(new Date(2026, 11, 1)));
    expect(whenUpdated(at(2024, 11, 1, 9, 0), now)).toContain('2024');
    expect(whenUpdated('not a date', now)).toBe('');
  });
});

describe('whenDone, as the timeline and notes say when', () => {
  it('always gives the time, and the day', () => {
    expect(whenDone(at(2026, 11, 10, 10, 42), now)).toBe('Today 10:42');
    expect(whenDone(at(2026, 11, 1, 9, 5), now)).toBe(`${dayMonth(new Date(2026, 11, 1))}, 09:05`);
    expect(whenDone(at(2025, 2, 3, 9, 5), now)).toMatch(/2025, 09:05$/);
  });
});
