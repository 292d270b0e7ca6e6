// Dates, times and durations for what agents read, through Intl in the element's language.
import type { Localize } from '../i18n/localize.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact time for a list row: "now", "5m", "3h", then a weekday, a date, a date with year. */
export function relativeTime(l: Localize, iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const diff = now.getTime() - date.getTime();
  if (Number.isNaN(diff)) return '';
  if (diff < MINUTE) return l.t('timeNow');
  if (diff < HOUR) return l.number(Math.floor(diff / MINUTE), { style: 'unit', unit: 'minute', unitDisplay: 'narrow' });
  if (diff < DAY && startOfDay(date) === startOfDay(now)) return l.number(Math.floor(diff / HOUR), { style: 'unit', unit: 'hour', unitDisplay: 'narrow' });
  if (diff < 7 * DAY) return l.date(date, { weekday: 'short' });
  if (date.getFullYear() === now.getFullYear()) return l.date(date, { month: 'short', day: 'numeric' });
  return l.date(date, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Full date and time, for a `title` or `datetime` tooltip. */
export function longDateTime(l: Localize, iso: string): string {
  return l.date(iso, { dateStyle: 'full', timeStyle: 'short' });
}
