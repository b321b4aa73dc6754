import { Dec, storedFixed, storedPlain } from '../../core/money';
import type { LoanType } from './dto/loan.type';
import type { LoanEntity } from './loan.entity';

/** Money in the loan's own decimals (0 for JPY, 3 for KWD …). */
export const toLoanType = (l: LoanEntity): LoanType => {
  const d = (l.servicingTerms as { decimals?: number } | null)?.decimals ?? 2;
  return {
  id: l.id, applicationId: l.applicationId, borrowerId: l.borrowerId, productId: l.productId, productVersion: l.productVersion, currency: l.currency,
  principal: new Dec(l.principal).toFixed(d), netDisbursed: new Dec(l.netDisbursed).toFixed(d), annualRate: new Dec(l.annualRate).toFixed(), apr: new Dec(l.apr).toFixed(),
  status: l.status, disbursedAt: l.disbursedAt, dpd: l.dpd, bucket: l.bucket, nextDueDate: l.nextDueDate, agentId: l.agentId,
  restructuredFrom: l.restructuredFrom, restructuredInto: l.restructuredInto,
  };
};

/**
 * What a list reads of each stored Loan field, as SQL over `loans l`, named as LoanType names it;
 * `decimals` is the loan's money precision (from its servicing terms), which formats the amounts.
 */
export const LOAN_COLUMNS = {
  id: 'l.id', applicationId: 'l.application_id', borrowerId: 'l.borrower_id', productId: 'l.product_id', productVersion: 'l.product_version',
  currency: 'l.currency', principal: 'l.principal', netDisbursed: 'l.net_disbursed', annualRate: 'l.annual_rate', apr: 'l.apr', status: 'l.status',
  disbursedAt: 'l.disbursed_at', dpd: 'l.dpd', bucket: 'l.bucket', nextDueDate: 'l.next_due_date::text', agentId: 'l.agent_id',
  restructuredFrom: 'l.restructured_from', restructuredInto: 'l.restructured_into',
  decimals: "(l.servicing_terms->>'decimals')::int",
} as const;
export type LoanColumn = keyof typeof LOAN_COLUMNS;

const ALL_COLUMNS = Object.keys(LOAN_COLUMNS) as LoanColumn[];

/**
 * The Loan fields that need more (or other) columns than their own: amounts are formatted in the
 * loan's decimals; field resolvers load by the loan's id (always read) or its product.
 */
const DERIVED: Record<string, readonly LoanColumn[]> = {
  principal: ['principal', 'decimals'],
  netDisbursed: ['netDisbursed', 'decimals'],
  product: ['productId', 'productVersion'],
  schedule: [], balances: [], transactions: [], journal: [], events: [], __typename: [],
};

/**
 * The columns that answer a selection of Loan fields: the id always (cursors, field resolvers),
 * each field's column or what DERIVED says it needs, and every column for a field neither knows
 * (so a field added to Loan is never answered from a column that was not read).
 */
export function loanColumnsFor(fields: Iterable<string>): LoanColumn[] {
  const columns = new Set<LoanColumn>(['id']);
  for (const field of fields) {
    const needs = DERIVED[field] ?? (Object.hasOwn(LOAN_COLUMNS, field) ? [field as LoanColumn] : ALL_COLUMNS);
    for (const c of needs) columns.add(c);
  }
  return [...columns];
}

/** A Loan from a row read with `LOAN_COLUMNS` (only the fields read are present). */
export function toLoanTypeFromRow(row: Partial<Record<LoanColumn, unknown>>): LoanType {
  const { decimals, ...loan } = row as Record<string, unknown>;
  const d = typeof decimals === 'number' ? decimals : 2;
  if (typeof loan.principal === 'string') loan.principal = storedFixed(loan.principal, d);
  if (typeof loan.netDisbursed === 'string') loan.netDisbursed = storedFixed(loan.netDisbursed, d);
  if (typeof loan.annualRate === 'string') loan.annualRate = storedPlain(loan.annualRate);
  if (typeof loan.apr === 'string') loan.apr = storedPlain(loan.apr);
  return loan as unknown as LoanType;
}
