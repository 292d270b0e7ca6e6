// A time to send at, as an agent picks it in an <input type="datetime-local"> (their own time
// zone, to the minute) and as the server takes it (an ISO 8601 instant): for the composer's
// Schedule and the thread's edit of a scheduled message.
import type { Localize } from '../i18n/localize.js';
import '../i18n/terms/schedule.js';

/** The longest a message may be scheduled ahead (the server's limit). */
const MAX_AHEAD_MS = 365 * 24 * 60 * 60 * 1000;

/** `date` as an <input type="datetime-local"> value, in the agent's time zone. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A first suggestion: the next full hour after an hour from now. */
export function suggestedSendTime(now = new Date()): Date {
  const at = new Date(now.getTime() + 60 * 60 * 1000);
  at.setMinutes(60, 0, 0);
  return at;
}

/** The instant an input's value names, or why it cannot be sent at. */
export function sendTime(l: Localize, value: string, now = Date.now()): { at: Date } | { error: string } {
  const at = value ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) return { error: l.t('sendTimeMissing') };
  if (at.getTime() <= now) return { error: l.t('sendTimePassed') };
  if (at.getTime() > now + MAX_AHEAD_MS) return { error: l.t('sendTimeTooFar') };
  return { at };
}

/** The time as the agent reads it, and in the contact's zone when it is known and another. */
export function sendTimeZones(l: Localize, at: Date, contactZone: string | null | undefined): { yours: string; theirs: string | null } {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  const yours = l.date(at, options);
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let theirs: string | null = null;
  if (contactZone && contactZone !== own) {
    try {
      theirs = l.date(at, { ...options, timeZone: contactZone });
    } catch {
      // A zone this browser does not know: the agent's own time only.
    }
  }
  return { yours, theirs };
}
