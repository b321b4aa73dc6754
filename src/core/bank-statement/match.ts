import { Dec } from '../money';
import type { StatementRow } from './statement';

export type RowStatus = 'MATCHED' | 'UNMATCHED' | 'INVALID' | 'DUPLICATE' | 'ALREADY_IMPORTED';

/** Why a row is what it is, as a stable code (the message says it for people). */
export type RowReason =
  | 'MATCHED_LOAN_ID' | 'MATCHED_DISBURSEMENT_REF' | 'MATCHED_BORROWER_REF'
  | 'NO_MATCH' | 'UNKNOWN_LOAN_ID' | 'AMBIGUOUS' | 'LOAN_NOT_ACTIVE' | 'CURRENCY_MISMATCH' | 'TOO_MANY_DECIMALS'
  | 'FUTURE_DATE' | 'BEFORE_DISBURSEMENT' | 'BAD_ROW' | 'DUPLICATE_IN_FILE' | 'ALREADY_IMPORTED';

/** What the matcher knows about a loan a row may be paying. */
export interface LoanCandidate {
  id: string;
  status: string;
  disbursementRef: string;
  /** The borrower's own reference (`external_ref`), when it has one. */
  borrowerRef: string | null;
  disbursementDate: string;
  currency: string;
  /** Minor-unit decimals of the loan's money. */
  decimals: number;
}

export interface MatchInput {
  /** The tenant's business date: later payments have not happened yet. */
  today: string;
  loans: LoanCandidate[];
  /** Fingerprints of rows posted by an earlier import. */
  imported: ReadonlySet<string>;
}

export interface RowDecision {
  row: StatementRow;
  status: RowStatus;
  reason: RowReason;
  loanId: string | null;
  message: string;
  /** The amount to post, at the loan's decimals (MATCHED rows only). */
  postAmount: string | null;
}

export interface StatementTotals {
  rows: number;
  matched: number;
  unmatched: number;
  invalid: number;
  duplicate: number;
  alreadyImported: number;
  /** Sum of the MATCHED rows' amounts (a statement is one account, so one currency). */
  matchedAmount: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The idempotency key a row is posted under: the same row in any later import posts nothing. */
export const rowKey = (fingerprint: string) => `bank:${fingerprint}`;

/**
 * The words of a reference that may name a loan or a borrower, lower-cased: split at anything but
 * letters, digits and `_ - .` (trailing dots and dashes dropped), plus the whole text for references
 * with spaces in them.
 */
export function referenceTokens(text: string | null): string[] {
  if (!text) return [];
  const words = text.toLowerCase().split(/[^a-z0-9_.\-]+/).map((w) => w.replace(/^[.\-]+|[.\-]+$/g, '')).filter((w) => w.length >= 3);
  const whole = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return [...new Set(whole.length >= 3 ? [...words, whole] : words)];
}

/** Loan ids (UUIDs) written anywhere in a text. */
export function loanIdsIn(text: string | null): string[] {
  return referenceTokens(text).filter((t) => UUID.test(t));
}

/**
 * Decides for each row of a statement what to do with it, in this order: a row that does not parse
 * is INVALID; a row equal to an earlier one of the file is a DUPLICATE; a row an earlier import
 * posted is ALREADY_IMPORTED; a future date is INVALID; then the reference (failing that, the
 * description) names the loan: a loan id wins over a disbursement reference, which wins over a
 * borrower reference (a borrower reference picks the borrower's one active loan). No loan, more
 * than one, or one that is not ACTIVE is UNMATCHED; a currency or precision the loan cannot take,
 * or a date before it was disbursed, is INVALID. Only MATCHED rows are posted.
 */
export function matchStatement(rows: StatementRow[], input: MatchInput): RowDecision[] {
  const byId = new Map(input.loans.map((l) => [l.id.toLowerCase(), l]));
  const byDisbursement = groupBy(input.loans, (l) => l.disbursementRef.toLowerCase());
  const byBorrower = groupBy(input.loans.filter((l) => l.borrowerRef), (l) => l.borrowerRef!.toLowerCase());
  const seen = new Map<string, number>();
  return rows.map((row): RowDecision => {
    const decide = (status: RowStatus, reason: RowReason, message: string, loan: LoanCandidate | null = null): RowDecision =>
      ({ row, status, reason, loanId: loan?.id ?? null, message, postAmount: null });
    if (row.errors.length) return decide('INVALID', 'BAD_ROW', row.errors.map((e) => e.message).join('; '));
    const first = seen.get(row.fingerprint);
    if (first !== undefined) return decide('DUPLICATE', 'DUPLICATE_IN_FILE', `the same payment as line ${first}`);
    seen.set(row.fingerprint, row.line);
    if (input.imported.has(row.fingerprint)) return decide('ALREADY_IMPORTED', 'ALREADY_IMPORTED', 'posted by an earlier import');
    if (row.date! > input.today) return decide('INVALID', 'FUTURE_DATE', `${row.date} is after today (${input.today})`);

    const found = findLoan(row, byId, byDisbursement, byBorrower);
    if ('reason' in found) return decide('UNMATCHED', found.reason, found.message, found.loan ?? null);
    const { loan, how } = found;
    if (loan.status !== 'ACTIVE') return decide('UNMATCHED', 'LOAN_NOT_ACTIVE', `loan ${loan.id} is ${loan.status}`, loan);
    if (row.currency && row.currency !== loan.currency) return decide('INVALID', 'CURRENCY_MISMATCH', `${row.currency} paid to a ${loan.currency} loan`, loan);
    const amount = new Dec(row.amount!);
    if (amount.decimalPlaces() > loan.decimals) return decide('INVALID', 'TOO_MANY_DECIMALS', `${row.amount} has more than ${loan.decimals} decimals`, loan);
    if (row.date! < loan.disbursementDate) return decide('INVALID', 'BEFORE_DISBURSEMENT', `${row.date} is before the loan was disbursed (${loan.disbursementDate})`, loan);
    return { row, status: 'MATCHED', reason: how, loanId: loan.id, message: `loan ${loan.id} by ${HOW[how]}`, postAmount: amount.toFixed(loan.decimals) };
  });
}

const HOW = { MATCHED_LOAN_ID: 'loan id', MATCHED_DISBURSEMENT_REF: 'disbursement reference', MATCHED_BORROWER_REF: 'borrower reference' } as const;

type Found = { loan: LoanCandidate; how: keyof typeof HOW } | { reason: RowReason; message: string; loan?: LoanCandidate };

function findLoan(
  row: StatementRow,
  byId: Map<string, LoanCandidate>,
  byDisbursement: Map<string, LoanCandidate[]>,
  byBorrower: Map<string, LoanCandidate[]>,
): Found {
  let unknownId: string | null = null;
  for (const text of [row.reference, row.description]) {
    const tokens = referenceTokens(text);
    const ids = tokens.filter((t) => UUID.test(t));
    const byLoanId = unique(ids.map((id) => byId.get(id)).filter((l): l is LoanCandidate => Boolean(l)));
    if (byLoanId.length) return one(byLoanId, 'MATCHED_LOAN_ID');
    unknownId ??= ids[0] ?? null;
    const byRef = unique(tokens.flatMap((t) => byDisbursement.get(t) ?? []));
    if (byRef.length) return one(byRef, 'MATCHED_DISBURSEMENT_REF');
    const borrowers = unique(tokens.flatMap((t) => byBorrower.get(t) ?? []));
    if (borrowers.length) {
      const active = borrowers.filter((l) => l.status === 'ACTIVE');
      if (active.length === 0) return { reason: 'LOAN_NOT_ACTIVE', message: `the borrower has no active loan (${borrowers.map((l) => `${l.id} ${l.status}`).join(', ')})`, loan: borrowers.length === 1 ? borrowers[0] : undefined };
      return one(active, 'MATCHED_BORROWER_REF');
    }
  }
  if (unknownId) return { reason: 'UNKNOWN_LOAN_ID', message: `no loan ${unknownId}` };
  return { reason: 'NO_MATCH', message: 'the reference names no loan or borrower' };
}

function one(loans: LoanCandidate[], how: keyof typeof HOW): Found {
  if (loans.length === 1) return { loan: loans[0], how };
  return { reason: 'AMBIGUOUS', message: `the ${HOW[how]} fits ${loans.length} loans (${loans.map((l) => l.id).join(', ')})` };
}

function unique(loans: LoanCandidate[]): LoanCandidate[] {
  return [...new Map(loans.map((l) => [l.id, l])).values()];
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** Counts by status and the amount that would be posted. */
export function statementTotals(decisions: RowDecision[]): StatementTotals {
  const count = (s: RowStatus) => decisions.filter((d) => d.status === s).length;
  const posted = decisions.filter((d) => d.status === 'MATCHED').map((d) => d.postAmount!);
  // Shown at the loans' precision (posted amounts carry it), not trimmed to "1500".
  const decimals = Math.max(0, ...posted.map((a) => a.split('.')[1]?.length ?? 0));
  const matchedAmount = posted.reduce((sum, a) => sum.plus(a), new Dec(0)).toFixed(decimals);
  return {
    rows: decisions.length, matched: count('MATCHED'), unmatched: count('UNMATCHED'), invalid: count('INVALID'),
    duplicate: count('DUPLICATE'), alreadyImported: count('ALREADY_IMPORTED'), matchedAmount,
  };
}
