import { Dec } from '../money';

/** The default chart of accounts every tenant starts with (servicing maps products onto it). */
export const DEFAULT_CHART = [
  { code: 'LOAN_PRINCIPAL', name: 'Loan principal receivable', type: 'ASSET' },
  { code: 'INTEREST_RECEIVABLE', name: 'Interest receivable', type: 'ASSET' },
  { code: 'FEE_RECEIVABLE', name: 'Fee receivable', type: 'ASSET' },
  { code: 'PENALTY_RECEIVABLE', name: 'Penalty receivable', type: 'ASSET' },
  { code: 'CASH_CLEARING', name: 'Cash and clearing', type: 'ASSET' },
  { code: 'SUSPENSE', name: 'Suspense', type: 'LIABILITY' },
  { code: 'OVERPAYMENT_LIABILITY', name: 'Borrower overpayments', type: 'LIABILITY' },
  // A booked loan's net disbursement until its payout succeeds (then moved to cash).
  { code: 'DISBURSEMENT_PAYABLE', name: 'Disbursements payable (in transit)', type: 'LIABILITY' },
  { code: 'INTEREST_INCOME', name: 'Interest income', type: 'INCOME' },
  { code: 'FEE_INCOME', name: 'Fee income', type: 'INCOME' },
  { code: 'PENALTY_INCOME', name: 'Penalty income', type: 'INCOME' },
  { code: 'RECOVERIES', name: 'Recoveries', type: 'INCOME' },
  { code: 'WRITE_OFF_EXPENSE', name: 'Write-off expense', type: 'EXPENSE' },
  { code: 'COMMISSION_EXPENSE', name: 'Agent commission expense', type: 'EXPENSE' },
  // Commission earned by an agent or agency and not yet paid to it.
  { code: 'COMMISSION_PAYABLE', name: 'Commissions payable', type: 'LIABILITY' },
  // What a settlement agreement forgives once the borrower paid the agreed amount.
  { code: 'SETTLEMENT_DISCOUNT', name: 'Settlement discounts', type: 'EXPENSE' },
] as const;
export type AccountCode = (typeof DEFAULT_CHART)[number]['code'];

export interface JournalLine {
  account: AccountCode;
  debit?: string;
  credit?: string;
}

export class UnbalancedEntryError extends Error {}

/**
 * Drops zero lines and checks that debits equal credits (exactly, in Decimal) and that each line is
 * one-sided and non-negative. The database checks the same at commit; this fails earlier and clearer.
 */
export function balancedLines(lines: JournalLine[]): JournalLine[] {
  const kept = lines.filter((l) => !new Dec(l.debit ?? '0').isZero() || !new Dec(l.credit ?? '0').isZero());
  let debits = new Dec(0);
  let credits = new Dec(0);
  for (const l of kept) {
    const d = new Dec(l.debit ?? '0');
    const c = new Dec(l.credit ?? '0');
    if (d.isNeg() || c.isNeg() || (!d.isZero() && !c.isZero())) throw new UnbalancedEntryError(`line on ${l.account} must be one positive side`);
    debits = debits.plus(d);
    credits = credits.plus(c);
  }
  if (kept.length === 0 || !debits.eq(credits)) throw new UnbalancedEntryError(`debits ${debits.toFixed()} and credits ${credits.toFixed()} differ`);
  return kept;
}

/** A product's accounts for the default roles (e.g. LOAN_PRINCIPAL -> LOAN_PRINCIPAL_AGRI); unmapped roles post to themselves. */
export type AccountMapping = Partial<Record<AccountCode, string>>;

/** The account mapping frozen in a loan's servicing terms (none when its product maps nothing). */
export function loanAccountMapping(servicingTerms: { accounts?: AccountMapping | null } | null | undefined): AccountMapping | null {
  const accounts = servicingTerms?.accounts;
  return accounts && Object.keys(accounts).length ? accounts : null;
}

export const ACCOUNT_TYPES: Record<AccountCode, string> = Object.fromEntries(DEFAULT_CHART.map((a) => [a.code, a.type])) as Record<AccountCode, string>;

/** The lines with each role replaced by the product's account. */
export function mapLines(lines: JournalLine[], mapping: AccountMapping | null | undefined): (Omit<JournalLine, 'account'> & { account: string })[] {
  if (!mapping) return lines;
  return lines.map((l) => ({ ...l, account: mapping[l.account] ?? l.account }));
}

/** Balances keyed by account code, folded back onto the roles they stand for. */
export function balancesByRole(byAccount: Record<string, string>, mapping: AccountMapping | null | undefined): Record<string, string> {
  if (!mapping) return byAccount;
  const roleOf = new Map(Object.entries(mapping).map(([role, account]) => [account as string, role]));
  const out: Record<string, string> = {};
  for (const [account, balance] of Object.entries(byAccount)) {
    const role = roleOf.get(account) ?? account;
    out[role] = out[role] ? new Dec(out[role]).plus(balance).toFixed() : balance;
  }
  return out;
}
