/** Wall-clock time in a time zone, and back: what quiet hours and daily caps are measured in. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A local wall-clock reading. */
export interface LocalTime {
  date: string;
  /** Minutes since local midnight. */
  minute: number;
}

/** The instant `at` as read on a clock in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The offset of `timeZone` from UTC at the instant `at`, in minutes. */
function offsetAt(at: Date, timeZone: string): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The first instant at or after the local wall-clock time `minute` on `date` in `timeZone` (a time
 * skipped by a daylight-saving jump is the instant the clock jumps to).
 */
export function instantOf(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  let guess = new Date(wall - offsetAt(new Date(wall), timeZone) * 60_000);
  // Once more with the offset at the guess (a transition between wall time and the instant).
  guess = new Date(wall - offsetAt(guess, timeZone) * 60_000);
  const read = localTime(guess, timeZone);
  if (read.date === date && read.minute < minute) return new Date(guess.getTime() + (minute - read.minute) * 60_000);
  return guess;
}

/** 'HH:MM' as minutes since midnight, or null when it is not a time of day. */
export function minuteOfDay(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
