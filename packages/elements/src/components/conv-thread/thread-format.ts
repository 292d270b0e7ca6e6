// Day separators and call lengths, in the element's language: the thread's alone, so they load
// with it rather than with the list.
import { cached, type Localize } from '../../i18n/localize.js';
import { startOfDay } from '../../internal/format.js';

const AUTO: Intl.RelativeTimeFormatOptions = { numeric: 'auto' };

// Intl.DurationFormat (Chromium 129, Safari 16.4, Firefox 136) is newer than TypeScript's lib.
const DurationFormat = (Intl as unknown as { DurationFormat?: new (lang: string, options: { style: 'narrow' }) => { format(duration: object): string } })
  .DurationFormat;

/** A key that changes when the local calendar day changes. */
export function dayKey(iso: string): number {
  return startOfDay(new Date(iso));
}

export function clockTime(l: Localize, iso: string): string {
  return l.date(iso, { hour: 'numeric', minute: '2-digit' });
}

/** "Today", "Yesterday" (in the element's language) or a full day, for a day separator. */
export function dayLabel(l: Localize, iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0 || days === 1) {
    const lang = l.lang();
    const word = cached('relative', lang, AUTO, () => new Intl.RelativeTimeFormat(lang, AUTO)).format(-days, 'day');
    return word.charAt(0).toLocaleUpperCase(lang) + word.slice(1);
  }
  return l.date(date, date.getFullYear() === now.getFullYear() ? { weekday: 'long', month: 'long', day: 'numeric' } : { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** A call's length: "42s", "3m 5s", "1h 2m" in English, each language its own way. */
export function duration(l: Localize, totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const parts = hours > 0 ? { hours, minutes } : minutes > 0 ? { minutes, seconds } : { seconds };
  const lang = l.lang();
  if (DurationFormat) return cached('duration', lang, undefined, () => new DurationFormat(lang, { style: 'narrow' })).format(parts);
  return Object.entries(parts)
    .map(([unit, value]) => l.number(value, { style: 'unit', unit: unit.slice(0, -1), unitDisplay: 'narrow' }))
    .join(' ');
}
