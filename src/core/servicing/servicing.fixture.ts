import { LoanTransaction, LoanTransactionKind, ScheduledInstallment, ServicingTerms } from './types';

/*
 * Shared fixtures for the servicing specs. The penalty rate 0.365 makes the daily penalty exactly
 * 0.1 % of overdue principal (0.365 / 365 = 0.001), so golden cases can be checked by eye.
 */

/** Terms of the golden cases; override per case. */
export function terms(overrides: Partial<ServicingTerms> = {}): ServicingTerms {
  return {
    decimals: 2,
    roundingMode: 'HALF_EVEN',
    allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'],
    penaltyAnnualRate: '0.365',
    lateFee: { chargeType: 'FLAT', amount: '5.00', graceDays: 5 },
    overpaymentPolicy: 'CREDIT',
    ...overrides,
  };
}

/**
 * 300.00 disbursed 2024-01-01, three monthly instalments (2024 is a leap year: February has 29 days).
 * Totals: #1 111.00, #2 107.00, #3 104.00 = 322.00.
 */
export const SCHEDULE: ScheduledInstallment[] = [
  { number: 1, dueDate: '2024-02-01', principal: '100.00', interest: '10.00', fees: '1.00' },
  { number: 2, dueDate: '2024-03-01', principal: '100.00', interest: '6.00', fees: '1.00' },
  { number: 3, dueDate: '2024-04-01', principal: '100.00', interest: '3.00', fees: '1.00' },
];

/** Start of the first period of {@link SCHEDULE}. */
export const DISBURSED = '2024-01-01';

let nextSeq = 1;

/** A transaction with a readable id (kind initial + seq) and an increasing seq. */
export function tx(kind: LoanTransactionKind, effectiveDate: string, amount: string, id?: string): LoanTransaction {
  const seq = nextSeq++;
  return { id: id ?? `${kind.toLowerCase()}-${seq}`, kind, effectiveDate, amount, seq };
}

/** A REPAYMENT. */
export const pay = (date: string, amount: string, id?: string): LoanTransaction => tx('REPAYMENT', date, amount, id);
