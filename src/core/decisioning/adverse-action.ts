/** A reason the decision recorded: `source` is rule:<id>, limit:<id>, scorecard, pricing, tier:<id> or check:<kind>. */
export interface RecordedReason {
  code: string;
  source: string;
  description: string;
}

/** What a declined applicant is told: a code and plain words, without the policy behind it. */
export interface AdverseActionReason {
  code: string;
  description: string;
}

/** Codes a lender tells the applicant in words of its own; the recorded descriptions carry thresholds and points. */
const PLAIN: Record<string, string> = {
  IDENTITY_NOT_VERIFIED: 'We could not verify your identity',
  AGE: 'Your age',
  AGE_BELOW_MINIMUM: 'You are below the minimum age for this loan',
  DEBT_TO_INCOME: 'Your existing debt payments relative to your income',
  DEBT_TO_INCOME_TOO_HIGH: 'Your debt payments would be too high relative to your income',
  DELINQUENCY_HISTORY: 'Late payments in your credit history',
  SERIOUS_DELINQUENCY: 'A seriously late payment in your credit history',
  MULTIPLE_LENDERS: 'The number of loans you have with other lenders',
  TOO_MANY_OPEN_LOANS: 'Too many loans open with other lenders',
  RECENT_ENQUIRIES: 'Recent applications for credit',
  MANY_ENQUIRIES: 'Recent applications for credit',
  TIME_IN_BUSINESS: 'Time your business has been operating',
  NO_SECURITY: 'No collateral or guarantee offered',
  RATE_CAP: 'We cannot offer this loan at a price within the legal limit',
  NO_PRICE_FOR_GRADE: 'We cannot offer this loan at a price within our lending policy',
};

/** Fraud and watch-list signals are never disclosed: telling the subject would defeat the check. */
const UNDISCLOSED = (r: RecordedReason) => /^(FRAUD_|WATCHLIST_)/.test(r.code) || r.source === 'check:SANCTIONS' || r.source.startsWith('tier:');

const GENERIC: AdverseActionReason = { code: 'CREDIT_POLICY', description: 'The application does not meet our lending policy' };

function plain(r: RecordedReason): AdverseActionReason {
  if (PLAIN[r.code]) return { code: r.code, description: PLAIN[r.code] };
  if (r.code.startsWith('APPETITE_')) return { code: 'LENDING_CAPACITY', description: 'We are not lending more in your category at this time' };
  if (r.source === 'scorecard') return { code: r.code, description: 'Your credit profile' };
  return GENERIC;
}

/**
 * The adverse-action notice of an application: when it is declined (by the automated decision or
 * later by people), the decision's reasons in the order the decision
 * ranked them, each in plain words (the recorded descriptions name rule thresholds, limits and
 * scorecard points, which are the lender's own), fraud and watch-list signals left out, one line
 * per code; at least one line. Nothing for an application not declined: the reasons of an approval
 * or a referral are the lender's review notes.
 */
export function adverseActionReasons(declined: boolean, reasons: readonly RecordedReason[]): AdverseActionReason[] {
  if (!declined) return [];
  const out: AdverseActionReason[] = [];
  for (const r of reasons) {
    if (UNDISCLOSED(r)) continue;
    const line = plain(r);
    if (!out.some((o) => o.code === line.code)) out.push(line);
  }
  return out.length ? out : [GENERIC];
}
