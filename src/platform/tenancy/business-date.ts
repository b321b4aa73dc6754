const formatters = new Map<string, Intl.DateTimeFormat>();
/** The date last answered per time zone, and the second it was answered for. */
const answered = new Map<string, { second: number; date: string }>();

/**
 * Today's calendar date (YYYY-MM-DD) in an IANA time zone: a tenant's business date.
 *
 * Every request asks it; the answer is kept for the second it was asked in (no time zone, past or
 * present, has an offset finer than a second, so a date cannot change within one).
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const second = Math.floor(now.getTime() / 1000);
  const kept = answered.get(timeZone);
  if (kept !== undefined && kept.second === second) return kept.date;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  answered.set(timeZone, { second, date });
  return date;
}
