import { Dec } from '../../core/money';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Units } from '../../platform/tenancy/units';
import type { LedgerService } from '../ledger';
import type { LoanServicingService } from '../loans';
import type { LoanProductService } from '../products';
import type { CobService } from './cob.service';
import { addDays } from './cob.service';
import { seedLoans } from './seed-loans';

/** How a seeded borrower pays: on time; each instalment late; misses its first 45 days then catches up (a cure); never (a default). */
export type PayerProfile = 'ON_TIME' | 'LATE' | 'CURE' | 'DEFAULT';

/** 70% on time, 12% late, 8% cure, 10% default: by the loan's place in the seeded book, so a book is the same every time. */
export function profileOf(index: number): PayerProfile {
  // 37 is prime to 100: any hundred loans in a row hold the mix, and a small book is mixed too.
  const p = (index * 37) % 100;
  return p < 70 ? 'ON_TIME' : p < 82 ? 'LATE' : p < 90 ? 'CURE' : 'DEFAULT';
}

/** What a profile pays and when: each instalment on its day, 15 days late, the first 45 days' with the next (a cure), or nothing; in the loan's minor units. */
export function paymentsOf(profile: PayerProfile, installments: { dueDate: string; total: string }[], today: string, decimals = 2): { paidAt: string; amount: string }[] {
  if (profile === 'DEFAULT') return [];
  const out: { paidAt: string; amount: string }[] = [];
  let owed = new Dec(0);
  installments.forEach((inst) => {
    const paidAt = addDays(inst.dueDate, profile === 'LATE' ? 15 : 0);
    // A cure misses what falls due in its first 45 days (two monthly instalments, six or seven weekly ones).
    if (profile === 'CURE' && inst.dueDate < addDays(installments[0].dueDate, 45)) {
      owed = owed.plus(inst.total);
      return;
    }
    if (paidAt > today) return;
    // A little over the instalment (1% on time, 3% late, 5% for a cure's arrears): what accrues by the
    // day (actual days, penalties) differs from the schedule's figure by cents, which left unpaid keep a loan late.
    const margin = owed.gt(0) ? '1.05' : profile === 'LATE' ? '1.03' : '1.01';
    out.push({ paidAt, amount: owed.plus(inst.total).times(margin).toFixed(decimals) });
    owed = new Dec(0);
  });
  return out;
}

/**
 * Whether a borrower comes back after repaying (a renewal), and for more (a graduation, half again the
 * principal): 60% of those who paid on time (two in five of them for more), 30% of the late, 20% of
 * the cured; by the loan's place in the book, like its profile.
 */
export function renewalOf(index: number, profile: PayerProfile): 'NONE' | 'SAME' | 'LARGER' {
  const share = { ON_TIME: 60, LATE: 30, CURE: 20, DEFAULT: 0 }[profile];
  if ((index * 13) % 100 >= share) return 'NONE';
  return profile === 'ON_TIME' && (index * 7) % 100 < 40 ? 'LARGER' : 'SAME';
}

/** The day a loan's last instalment is paid (it closes), or null: not by today, or never. */
export function closingOf(profile: PayerProfile, installments: { dueDate: string; total: string }[], today: string): string | null {
  const last = addDays(installments[installments.length - 1].dueDate, profile === 'LATE' ? 15 : 0);
  return profile !== 'DEFAULT' && last <= today ? last : null;
}

/** How many days after closing a returning borrower borrows again. */
const RENEWAL_AFTER_DAYS = 7;
/** The instalments of a seeded loan with a history: short, as microloans are (the product's range permitting). */
const HISTORY_TERM = 6;

export interface HistoryProgress {
  phase: 'loans' | 'close of business' | 'write-offs';
  done: number;
  total: number;
}

type SeededLoan = { id: string; borrowerId: string; principal: string; decimals: number; schedule: { dueDate: string; total: string }[] };

/**
 * A book with a history, for demos and the portfolio report (`npx microlend seed loans --history
 * <months>`): weekly cohorts over the months (the loans of seedLoans), borrowers who pay on time,
 * late, cure or default (profileOf); then day by day since the first loan, that day's renewals lent
 * (renewalOf: a week after a loan is repaid, its borrower may borrow again, sometimes more), that
 * day's repayments recorded through servicing and that day's close of business (so each date has its
 * snapshot, and late loans their penalties, buckets and collections); then the loans 180 days past
 * due written off.
 */
export async function seedHistory(
  units: Units,
  services: { products: LoanProductService; ledger: LedgerService; servicing: LoanServicingService; cob: CobService },
  opts: { tenantId: string; productCode: string; count: number; months: number; today: string },
  onProgress: (p: HistoryProgress) => void = () => undefined,
): Promise<{ loans: number; renewals: number; repayments: number; writtenOff: number }> {
  const actor = { type: 'SYSTEM' as const, id: 'seed' };
  const inTenant = <T>(work: (ctx: RequestContext) => Promise<T>) => units.run({ tenantId: opts.tenantId, actor, roles: [] }, work);
  const started = await inTenant(async (ctx) => ((await (await ctx.db()).query('SELECT now() AS t'))[0].t as Date));
  const weeks = Math.max(1, Math.round((opts.months * 30) / 7));
  const first = addDays(opts.today, -opts.months * 30);
  for (let w = 0; w < weeks; w++) {
    const n = Math.floor(opts.count / weeks) + (w < opts.count % weeks ? 1 : 0);
    if (n > 0) await seedLoans(units, services, { tenantId: opts.tenantId, productCode: opts.productCode, count: n, startDate: addDays(first, w * 7), batchSize: 5000, termCount: HISTORY_TERM });
    onProgress({ phase: 'loans', done: w + 1, total: weeks });
  }
  const seeded = (where: string, params: unknown[]): Promise<SeededLoan[]> => inTenant(async (ctx) => (await ctx.db()).query(
    `SELECT id, borrower_id AS "borrowerId", principal::text, money_decimals AS decimals, schedule FROM loans
     WHERE created_at >= $1 AND disbursement_ref LIKE 'seed-%' ${where} ORDER BY disbursement_date, disbursement_ref`, [started, ...params]));
  // What each loan's borrower pays, by day, and who comes back for another loan, by the day they do.
  const byDay = new Map<string, { loanId: string; paidAt: string; amount: string; key: string }[]>();
  const renewals = new Map<string, { borrowerId: string; principal: string }[]>();
  let rank = 0;
  const plan = (loans: SeededLoan[]) => {
    for (const l of loans) {
      const profile = profileOf(++rank);
      paymentsOf(profile, l.schedule, opts.today, l.decimals).forEach((p, i) => byDay.set(p.paidAt, [...(byDay.get(p.paidAt) ?? []), { loanId: l.id, ...p, key: `seed-history:${l.id}:${i}` }]));
      const closed = closingOf(profile, l.schedule, opts.today);
      const next = renewalOf(rank, profile);
      if (!closed || next === 'NONE' || addDays(closed, RENEWAL_AFTER_DAYS) > opts.today) continue;
      const on = addDays(closed, RENEWAL_AFTER_DAYS);
      renewals.set(on, [...(renewals.get(on) ?? []), { borrowerId: l.borrowerId, principal: next === 'LARGER' ? new Dec(l.principal).times('1.5').toFixed(l.decimals) : l.principal }]);
    }
  };
  const initial = await seeded('', []);
  plan(initial);
  // Day by day, as it happens: the day's renewals and repayments, then the day's close of business
  // (a repayment recorded before the loan's nights have run would meet a loan that has not yet fallen due).
  const days = Math.round((Date.parse(opts.today) - Date.parse(first)) / 86_400_000);
  let done = 0;
  let renewed = 0;
  for (let d = 1; d <= days; d++) {
    const date = addDays(first, d);
    const dayStarted = await inTenant(async (ctx) => ((await (await ctx.db()).query('SELECT clock_timestamp() AS t'))[0].t as Date));
    const returning = renewals.get(date) ?? [];
    for (const principal of new Set(returning.map((r) => r.principal))) {
      const borrowerIds = returning.filter((r) => r.principal === principal).map((r) => r.borrowerId);
      await seedLoans(units, services, { tenantId: opts.tenantId, productCode: opts.productCode, count: borrowerIds.length, borrowerIds, principal, startDate: date, termCount: HISTORY_TERM });
      renewed += borrowerIds.length;
    }
    if (returning.length) plan(await seeded('AND disbursement_date = $2 AND borrower_id = ANY ($3::uuid[])', [date, returning.map((r) => r.borrowerId)]));
    for (const p of byDay.get(date) ?? []) {
      await inTenant((ctx) => services.servicing.recordRepayment(ctx, { loanId: p.loanId, amount: p.amount, paidAt: p.paidAt, method: 'CASH', idempotencyKey: p.key }));
      done++;
    }
    await inTenant((ctx) => services.cob.run(ctx, date));
    // A loan repaid today closed today, not when this history was written (the cross-sell models learn from when loans closed).
    await inTenant(async (ctx) => (await ctx.db()).query(
      "UPDATE loans SET closed_at = $1::date + time '12:00' WHERE status = 'CLOSED' AND closed_at >= $2 AND disbursement_ref LIKE 'seed-%'", [date, dayStarted]));
    onProgress({ phase: 'close of business', done: d, total: days });
  }
  const late: { id: string }[] = await inTenant(async (ctx) => (await ctx.db()).query(
    "SELECT id FROM loans WHERE created_at >= $1 AND disbursement_ref LIKE 'seed-%' AND status = 'ACTIVE' AND dpd >= 180", [started]));
  for (const [i, l] of late.entries()) {
    await inTenant((ctx) => services.servicing.writeOff(ctx, l.id, 'seeded history: 180 days past due'));
    onProgress({ phase: 'write-offs', done: i + 1, total: late.length });
  }
  // The write-offs reach today's snapshot and vintages.
  if (late.length) await inTenant((ctx) => services.cob.run(ctx, opts.today));
  return { loans: initial.length, renewals: renewed, repayments: done, writtenOff: late.length };
}
