import { SUBMIT, borrowerInput, lenderWithProduct } from './origination';
import type { TestApp } from './test-app';

/** A lender whose applications are approved automatically, so specs can get disbursed loans quickly. */
export async function autoLender(app: TestApp) {
  const lender = await lenderWithProduct(app);
  await app.gql('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Auto", priority: 1, mode: AUTO }]) { id } }', {}, lender.admin);
  return lender;
}

/** Submits, accepts, signs and disburses; returns the loan id and its borrower. */
export async function disbursedLoan(app: TestApp, lender: Awaited<ReturnType<typeof autoLender>>, opts: { amount?: string; termCount?: number; borrower?: Record<string, unknown>; borrowerId?: string } = {}) {
  const submitted = await app.gql(SUBMIT, { input: { productId: lender.productId, amount: opts.amount ?? '12000.00', termCount: opts.termCount ?? 6, frequency: 'MONTHLY', ...(opts.borrowerId ? { borrowerId: opts.borrowerId } : { borrower: borrowerInput(opts.borrower) }) } }, lender.admin);
  if (!submitted.data) throw new Error(`submission failed: ${JSON.stringify(submitted.errors)}`);
  const appl = submitted.data.submitApplication;
  if (appl.status !== 'OFFERED') throw new Error(`application not offered: ${JSON.stringify(appl.decision?.reasons)}`);
  const accepted = (await app.gql(`mutation { acceptOffer(applicationId: "${appl.id}") { contract { sha256 } } }`, {}, lender.admin)).data!.acceptOffer;
  await app.gql(`mutation { signContract(applicationId: "${appl.id}", signerName: "Borrower", documentHash: "${accepted.contract.sha256}") { status } }`, {}, lender.admin);
  const disbursed = await app.gql(`mutation { disburseLoan(applicationId: "${appl.id}", idempotencyKey: "d-${appl.id}") { id } }`, {}, lender.admin);
  if (!disbursed.data) throw new Error(`disbursement failed: ${JSON.stringify(disbursed.errors)}`);
  const loan = disbursed.data.disburseLoan;
  return { loanId: loan.id as string, borrowerId: appl.borrowerId as string, applicationId: appl.id as string };
}

/**
 * Moves a loan back in time by `days` (its start and every due date), so specs can pay, miss and
 * backdate against a loan that is already months old. Test set-up only: the owner edits the row.
 */
export async function ageLoan(app: TestApp, loanId: string, days: number) {
  const [loan] = await app.ownerQuery('SELECT schedule, disbursement_date::text AS start FROM loans WHERE id = $1', [loanId]);
  const shift = (d: string) => {
    const date = new Date(`${d}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - days);
    return date.toISOString().slice(0, 10);
  };
  const schedule = loan.schedule.map((r: { dueDate: string }) => ({ ...r, dueDate: shift(r.dueDate) }));
  await app.ownerQuery(
    `UPDATE loans SET schedule = $2, disbursement_date = $3, accrual_period_start = accrual_period_start - $4::int, accrual_period_end = accrual_period_end - $4::int,
            last_cob_date = last_cob_date - $4::int, next_due_date = next_due_date - $4::int, penalty_from = penalty_from - $4::int WHERE id = $1`,
    [loanId, JSON.stringify(schedule), shift(loan.start), days],
  );
  // The nights it already had move with it: its sub-ledger rows are of the days it has now lived, and
  // the nights run again for the dates they moved from (the night refuses a second accrual of a date).
  await app.ownerQuery(
    `WITH moved AS (DELETE FROM loan_accruals WHERE loan_id = $1 RETURNING *)
     INSERT INTO loan_accruals SELECT tenant_id, loan_id, business_date - $2::int, kind, interest, penalty, journal_entry_id, n FROM moved`,
    [loanId, days],
  );
  return { start: shift(loan.start), dueDates: schedule.map((r: { dueDate: string }) => r.dueDate) as string[] };
}

export const REPAY = `mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) {
  transactionId allocation { principal interest fees penalties toCredit fromCredit byInstallment { number principal interest } } } }`;

export const LOAN = (id: string) => `{ loan(id: "${id}") {
  id status dpd bucket nextDueDate
  schedule { number dueDate status principalDue principalPaid interestDue interestPaid penaltyDue unpaid paidOn }
  balances { outstanding { principal interest fees penalties total } overdue { total } credit ledger }
  transactions(first: 100) { nodes { id seq kind effectiveDate amount status } }
} }`;
