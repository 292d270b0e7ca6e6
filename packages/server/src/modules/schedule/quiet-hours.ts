// Quiet hours (seed 001's "do not disturb hours"): a daily window, in the workspace's time zone,
// in which automated and scheduled messages wait. An agent's own send is never held.

export interface QuietHours {
  /** Local time the window opens, "HH:MM" (24-hour). */
  start: string;
  /** Local time it closes; before `start` when the window spans midnight (21:00 to 08:00). */
  end: string;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MINUTES = 24 * 60;

/** "HH:MM" as minutes after midnight, or null when it is no time of day. */
export function minutesOf(clock: string): number | null {
  const match = CLOCK.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Whether `zone` is a time zone this runtime knows (IANA names: "America/Chicago"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes and seconds since local midnight in `zone` at `at`. */
function localClock(at: number, zone: string): { minutes: number; seconds: number } {
  let format = formatters.get(zone);
  if (!format) formatters.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })));
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), seconds: Number(parts.second) };
}

/**
 * When quiet hours that hold at `at` end (epoch ms), or null when `at` is outside them. Counted
 * in local minutes, so a window that spans a daylight-saving change ends up to an hour off, in
 * the direction of waiting longer or shorter by that hour.
 */
export function quietHoursEnd(quiet: QuietHours | null, zone: string, at: number): number | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === null || end === null || start === end) return null;
  const { minutes, seconds } = localClock(at, zone);
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  const wait = (end - minutes + DAY_MINUTES) % DAY_MINUTES;
  return at + wait * 60_000 - seconds * 1000 - (at % 1000);
}
