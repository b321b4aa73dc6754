/** What the fraud checks found for an application; the shell gathers these from the database and lists. */
export interface FraudSignals {
  sameNationalIdOtherBorrowers: number;
  samePhoneOtherBorrowers: number;
  sameDeviceOtherBorrowers: number;
  sameBankAccountOtherBorrowers: number;
  /** Applications by this applicant in the window, this one included. */
  applicationsInWindow: number;
  velocityLimit: number;
  velocityWindowDays: number;
  /** Kinds of identifier found on a blacklist, e.g. 'PHONE'. */
  blacklistHits: string[];
  /** Fields where declared and verified data disagree, e.g. 'NAME', 'DATE_OF_BIRTH'. */
  mismatches: string[];
}

/** One fraud signal that fired and what it adds to the score. */
export interface FraudHit {
  code: string;
  weight: number;
  detail: string;
}

/**
 * Default weight of each signal. BLACKLIST and MISMATCH are family weights: a hit is coded
 * `BLACKLIST_<KIND>` / `MISMATCH_<FIELD>` and takes that exact code's weight when one is
 * configured, else the family's.
 */
export const DEFAULT_FRAUD_WEIGHTS: Record<string, number> = Object.freeze({
  DUPLICATE_NATIONAL_ID: 60,
  DUPLICATE_PHONE: 30,
  DUPLICATE_DEVICE: 25,
  DUPLICATE_BANK_ACCOUNT: 40,
  VELOCITY: 35,
  BLACKLIST: 100,
  MISMATCH: 30,
}) as Record<string, number>;

/**
 * Scores fraud signals as the sum of the weights of the signals that fired (uncapped, so two
 * strong signals stay distinguishable from one; tenants set thresholds on this scale). A shared
 * identifier counts once however many other borrowers share it; the count is in the detail.
 * Velocity fires when the applications in the window exceed the limit.
 */
export function assessFraud(signals: FraudSignals, weights: Partial<Record<string, number>> = {}): { score: number; hits: FraudHit[] } {
  const weightOf = (code: string, family = code): number => weights[code] ?? weights[family] ?? DEFAULT_FRAUD_WEIGHTS[code] ?? DEFAULT_FRAUD_WEIGHTS[family] ?? 0;
  const hits: FraudHit[] = [];
  const shared: [number, string, string][] = [
    [signals.sameNationalIdOtherBorrowers, 'DUPLICATE_NATIONAL_ID', 'national id'],
    [signals.samePhoneOtherBorrowers, 'DUPLICATE_PHONE', 'phone number'],
    [signals.sameDeviceOtherBorrowers, 'DUPLICATE_DEVICE', 'device'],
    [signals.sameBankAccountOtherBorrowers, 'DUPLICATE_BANK_ACCOUNT', 'bank account'],
  ];
  for (const [count, code, what] of shared)
    if (count > 0) hits.push({ code, weight: weightOf(code), detail: `${what} shared with ${count} other borrower${count === 1 ? '' : 's'}` });

  if (signals.applicationsInWindow > signals.velocityLimit)
    hits.push({
      code: 'VELOCITY',
      weight: weightOf('VELOCITY'),
      detail: `${signals.applicationsInWindow} applications in ${signals.velocityWindowDays} days (limit ${signals.velocityLimit})`,
    });

  for (const kind of distinctCodes(signals.blacklistHits)) {
    const code = `BLACKLIST_${kind}`;
    hits.push({ code, weight: weightOf(code, 'BLACKLIST'), detail: `${kind} is on a blacklist` });
  }
  for (const field of distinctCodes(signals.mismatches)) {
    const code = `MISMATCH_${field}`;
    hits.push({ code, weight: weightOf(code, 'MISMATCH'), detail: `declared ${field} differs from verified` });
  }
  return { score: hits.reduce((sum, h) => sum + h.weight, 0), hits };
}

/** Upper-case, underscore-separated, de-duplicated: 'date of birth' and 'DATE_OF_BIRTH' are one field. */
function distinctCodes(list: string[]): string[] {
  const codes = list.map((s) => s.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_')).filter((s) => s !== '' && s !== '_');
  return [...new Set(codes)];
}
