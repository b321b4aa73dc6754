import type { CollectionChannel } from './policy';
import { addDaysIso as addDays } from '../loan-math/calendar';
import { instantOf, localTime, minuteOfDay } from './zoned-time';

export const CONDUCT_RULES = ['QUIET_HOURS', 'CONTACT_CAP', 'THIRD_PARTY', 'CHANNEL_NOT_ALLOWED', 'COOLING_OFF', 'CONTENT'] as const;
export type ConductRule = (typeof CONDUCT_RULES)[number];

export const CONTACT_PARTIES = ['BORROWER', 'GUARANTOR', 'REFERENCE', 'OTHER'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];

/** Channels that reach the borrower and count against the caps (a placement with an agency does not). */
export const CONTACT_CHANNELS: readonly CollectionChannel[] = ['SMS', 'EMAIL', 'PUSH', 'CALL', 'FIELD_VISIT', 'LETTER'];

export interface ChannelCap {
  perDay: number | null;
  perWeek: number | null;
}

/**
 * A lender's conduct rules for collections (per jurisdiction, configured by the lender): what the
 * platform refuses whoever asks, and reschedules when the platform itself would break them.
 */
export interface ConductRules {
  /** No outbound contact between `start` and `end`, read on the borrower's clock ('HH:MM'; may span midnight). */
  quietHours: { start: string; end: string } | null;
  /** Outbound contacts of any channel per borrower per local day, and per seven days. */
  maxContactsPerDay: number | null;
  maxContactsPerWeek: number | null;
  perChannel: Partial<Record<CollectionChannel, ChannelCap>>;
  /** Channels a stage may use, by stage name (a stage not named: its own actions' channels and CALL). */
  allowedChannelsByStage: Record<string, CollectionChannel[]>;
  /** Days no outbound contact is made after a complaint about collections or a hardship request. */
  coolingOffDays: number;
  /** Words a free-text message may not contain (whole words, any case). */
  forbiddenWords: string[];
}

export const DEFAULT_CONDUCT: ConductRules = {
  quietHours: { start: '21:00', end: '08:00' },
  maxContactsPerDay: 3,
  maxContactsPerWeek: 10,
  perChannel: {},
  allowedChannelsByStage: {},
  coolingOffDays: 14,
  forbiddenWords: [],
};

/** An outbound contact someone (or the platform) is about to make. */
export interface ContactAttempt {
  at: Date;
  channel: CollectionChannel;
  party: ContactParty;
  /** The third party consented to be contacted (a reference, a guarantor). */
  partyConsented: boolean;
  /** The message would tell the third party about the debt. */
  disclosesDebt: boolean;
  /** The free text of the message or note read to the party, if any. */
  text: string | null;
  /** The borrower's time zone (the tenant's when the borrower has none). */
  timeZone: string;
  /** The channels the case's stage allows. */
  stageChannels: readonly CollectionChannel[];
  /** Earlier outbound contacts of the same borrower (any case), newest or oldest first. */
  previous: readonly { at: Date; channel: CollectionChannel }[];
  /** End of a cooling-off in force (a complaint, a hardship request), if any. */
  coolingOffUntil: Date | null;
}

export type ConductVerdict = { allowed: true } | { allowed: false; rule: ConductRule; message: string; allowedAt: Date | null };

const WEEK_MS = 7 * 86_400_000;

/**
 * Whether the contact keeps the rules; if not, the first rule it breaks and when it would be allowed
 * (null: never, as it is: another party, other words, another channel).
 */
export function checkContact(rules: ConductRules, a: ContactAttempt): ConductVerdict {
  const refuse = (rule: ConductRule, message: string, allowedAt: Date | null): ConductVerdict => ({ allowed: false, rule, message, allowedAt });
  if (a.party !== 'BORROWER') {
    if (a.party === 'OTHER') return refuse('THIRD_PARTY', 'Only the borrower, a guarantor or a consenting reference may be contacted', null);
    if (a.party === 'REFERENCE' && !a.partyConsented) return refuse('THIRD_PARTY', 'A reference may be contacted only with their consent', null);
    if (a.disclosesDebt) return refuse('THIRD_PARTY', 'The debt may not be disclosed to anyone but the borrower', null);
  }
  const word = forbiddenWordIn(a.text, rules.forbiddenWords);
  if (word) return refuse('CONTENT', `The message uses a forbidden word: ${word}`, null);
  if (!a.stageChannels.includes(a.channel)) return refuse('CHANNEL_NOT_ALLOWED', `${a.channel} is not allowed at this stage (allowed: ${a.stageChannels.join(', ') || 'none'})`, null);
  if (a.coolingOffUntil && a.at < a.coolingOffUntil) return refuse('COOLING_OFF', 'A complaint or hardship request is cooling off', a.coolingOffUntil);
  const quiet = quietUntil(rules, a.at, a.timeZone);
  if (quiet) return refuse('QUIET_HOURS', `Quiet hours ${rules.quietHours!.start}-${rules.quietHours!.end} in the borrower's time zone (${a.timeZone})`, quiet);
  const cap = capReached(rules, a);
  if (cap) return refuse('CONTACT_CAP', cap.message, cap.allowedAt);
  return { allowed: true };
}

/**
 * The first instant at or after `a.at` the contact keeps every rule (for the platform's own actions,
 * which are rescheduled rather than refused), or null when no time will do.
 */
export function firstAllowedTime(rules: ConductRules, a: ContactAttempt): Date | null {
  let at = a.at;
  for (let i = 0; i < 50; i++) {
    const verdict = checkContact(rules, { ...a, at });
    if (verdict.allowed) return at;
    if (!verdict.allowedAt || verdict.allowedAt <= at) return null;
    at = verdict.allowedAt;
  }
  return null;
}

/** When quiet hours hold at `at` on the borrower's clock, the instant they end; else null. */
function quietUntil(rules: ConductRules, at: Date, timeZone: string): Date | null {
  if (!rules.quietHours) return null;
  const start = minuteOfDay(rules.quietHours.start)!;
  const end = minuteOfDay(rules.quietHours.end)!;
  if (start === end) return null;
  const local = localTime(at, timeZone);
  const spansMidnight = start > end;
  const inQuiet = spansMidnight ? local.minute >= start || local.minute < end : local.minute >= start && local.minute < end;
  if (!inQuiet) return null;
  const endDate = spansMidnight && local.minute >= start ? addDays(local.date, 1) : local.date;
  return instantOf(endDate, end, timeZone);
}

function capReached(rules: ConductRules, a: ContactAttempt): { message: string; allowedAt: Date } | null {
  const counted = a.previous.filter((p) => CONTACT_CHANNELS.includes(p.channel) && p.at <= a.at);
  const today = localTime(a.at, a.timeZone).date;
  const nextMidnight = instantOf(addDays(today, 1), 0, a.timeZone);
  const sameDay = (p: { at: Date }) => localTime(p.at, a.timeZone).date === today;
  const inWeek = (p: { at: Date }) => a.at.getTime() - p.at.getTime() < WEEK_MS;
  /** When the oldest of the contacts that fill a cap of `limit` in the last seven days drops out. */
  const weekFrees = (list: { at: Date }[], limit: number) => {
    const sorted = list.map((p) => p.at.getTime()).sort((x, y) => y - x);
    return new Date(sorted[limit - 1] + WEEK_MS);
  };
  const checks: [number | null | undefined, { at: Date }[], string, 'day' | 'week'][] = [];
  const channel = counted.filter((p) => p.channel === a.channel);
  const cap = rules.perChannel[a.channel];
  checks.push([rules.maxContactsPerDay, counted.filter(sameDay), 'contacts a day', 'day']);
  checks.push([cap?.perDay, channel.filter(sameDay), `${a.channel} contacts a day`, 'day']);
  checks.push([rules.maxContactsPerWeek, counted.filter(inWeek), 'contacts in seven days', 'week']);
  checks.push([cap?.perWeek, channel.filter(inWeek), `${a.channel} contacts in seven days`, 'week']);
  let worst: { message: string; allowedAt: Date } | null = null;
  for (const [limit, list, what, span] of checks) {
    if (limit === null || limit === undefined || list.length < limit) continue;
    const allowedAt = span === 'day' ? nextMidnight : weekFrees(list, limit);
    if (!worst || allowedAt > worst.allowedAt) worst = { message: `At most ${limit} ${what} per borrower`, allowedAt };
  }
  return worst;
}

function forbiddenWordIn(text: string | null, words: readonly string[]): string | null {
  if (!text) return null;
  const lower = text.toLocaleLowerCase();
  for (const w of words) {
    const word = w.trim().toLocaleLowerCase();
    if (!word) continue;
    // Whole words where the script has them (Latin); anywhere in scripts written without spaces (Chinese).
    const spaced = /^[\p{Script=Latin}\d' -]+$/u.test(word);
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (spaced ? new RegExp(`(^|[^\\p{L}\\d])${escaped}($|[^\\p{L}\\d])`, 'u').test(lower) : lower.includes(word)) return w;
  }
  return null;
}

export interface ConductProblem {
  field: string;
  message: string;
}

/** What is wrong with a set of conduct rules, each naming its field. */
export function conductProblems(r: ConductRules): ConductProblem[] {
  const problems: ConductProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (r.quietHours) {
    if (minuteOfDay(r.quietHours.start) === null) bad('quietHours.start', 'a time of day HH:MM');
    if (minuteOfDay(r.quietHours.end) === null) bad('quietHours.end', 'a time of day HH:MM');
  }
  const count = (field: string, v: number | null | undefined) => {
    if (v !== null && v !== undefined && (!Number.isInteger(v) || v < 0)) bad(field, 'a whole number, not negative');
  };
  count('maxContactsPerDay', r.maxContactsPerDay);
  count('maxContactsPerWeek', r.maxContactsPerWeek);
  for (const [channel, cap] of Object.entries(r.perChannel)) {
    count(`perChannel.${channel}.perDay`, cap?.perDay);
    count(`perChannel.${channel}.perWeek`, cap?.perWeek);
  }
  if (!Number.isInteger(r.coolingOffDays) || r.coolingOffDays < 0 || r.coolingOffDays > 365) bad('coolingOffDays', 'whole days from 0 to 365');
  return problems;
}

