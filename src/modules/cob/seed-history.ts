import { Dec } from '../../core/money';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Units } from '../../platform/tenancy/units';
import type { LedgerService } from '../ledger';
import type { LoanServicingService } from '../loans';
import type { LoanProductService } from '../products';
import type { CobService } from './cob.service';
import { addDays } from './cob.service';
import { seedLoans } from './seed-loans';

/** How a seeded borrower pays: on time; each instalment late; misses the first two then catches up (a cure); never (a default). */
export type PayerProfile = 'ON_TIME' | 'LATE' | 'CURE' | 'DEFAULT';

/** 70% on time, 12% late, 8% cure, 10% default: by the loan's place in the seeded book, so a book is the same every time. */
export function profileOf(index: number): PayerProfile {
  // 37 is prime to 100: any hundred loans in a row hold the mix, and a small book is mixed too.
  const p = (index * 37) % 100;
  return p < 70 ? 'ON_TIME' : p < 82 ? 'LATE' : p < 90 ? 'CURE' : 'DEFAULT';
}

/** The days after each due date a profile pays, by instalment (null: unpaid; CURE pays its arrears with the third). */
export function paymentsOf(profile: PayerProfile, installments: { dueDate: string; total: string }[], today: string): { paidAt: string; amount: string }[] {
  if (profile === 'DEFAULT') return [];
  const out: { paidAt: string; amount: string }[] = [];
  let owed = new Dec(0);
  installments.forEach((inst, i) => {
    const paidAt = addDays(inst.dueDate, profile === 'LATE' ? 15 : 0);
    if (profile === 'CURE' && i < 2) {
      owed = owed.plus(inst.total);
      return;
    }
    if (paidAt > today) return;
    out.push({ paidAt, amount: owed.plus(inst.total).toFixed(2) });
    owed = new Dec(0);
  });
  return out;
}

export interface HistoryProgress {
  phase: 'loans' | 'repayments' | 'close of business' | 'write-offs';
  done: number;
  total: number;
}

/**
 * A book with a history, for demos and the portfolio report (`npx microlend seed loans --history
 * <months>`): weekly cohorts over the months (the loans of seedLoans), borrowers who pay on time,
 * late, cure or default (profileOf), their repayments recorded through servicing on the days they paid,
 * close of business run over every date since the first loan (so each date has its snapshot, and
 * late loans their penalties, buckets and collections), then the loans 180 days past due written off.
 */
export async function seedHistory(
  units: Units,
  services: { products: LoanProductService; ledger: LedgerService; servicing: LoanServicingService; cob: CobService },
  opts: { tenantId: string; productCode: string; count: number; months: number; today: string },
  onProgress: (p: HistoryProgress) => void = () => undefined,
): Promise<{ loans: number; repayments: number; writtenOff: number }> {
  const actor = { type: 'SYSTEM' as const, id: 'seed' };
  const inTenant = <T>(work: (ctx: RequestContext) => Promise<T>) => units.run({ tenantId: opts.tenantId, actor, roles: [] }, work);
  const started = await inTenant(async (ctx) => ((await (await ctx.db()).query('SELECT now() AS t'))[0].t as Date));
  const weeks = Math.max(1, Math.round((opts.months * 30) / 7));
  const first = addDays(opts.today, -opts.months * 30);
  for (let w = 0; w < weeks; w++) {
    const n = Math.floor(opts.count / weeks) + (w < opts.count % weeks ? 1 : 0);
    if (n > 0) await seedLoans(units, services, { tenantId: opts.tenantId, productCode: opts.productCode, count: n, startDate: addDays(first, w * 7), batchSize: 5000 });
    onProgress({ phase: 'loans', done: w + 1, total: weeks });
  }
  const loans: { id: string; schedule: { dueDate: string; total: string }[]; rank: number }[] = await inTenant(async (ctx) => (await ctx.db()).query(
    `SELECT id, schedule, row_number() OVER (ORDER BY disbursement_date, disbursement_ref)::int AS rank FROM loans
     WHERE created_at >= $1 AND disbursement_ref LIKE 'seed-%' ORDER BY disbursement_date, disbursement_ref`, [started]));
  const plan = loans.flatMap((l) => paymentsOf(profileOf(l.rank), l.schedule, opts.today).map((p, i) => ({ loanId: l.id, ...p, key: `seed-history:${l.id}:${i}` })));
  let done = 0;
  for (const p of plan) {
    await inTenant((ctx) => services.servicing.recordRepayment(ctx, { loanId: p.loanId, amount: p.amount, paidAt: p.paidAt, method: 'CASH', idempotencyKey: p.key }));
    if (++done % 50 === 0 || done === plan.length) onProgress({ phase: 'repayments', done, total: plan.length });
  }
  const days = (d: string) => Math.round((Date.parse(d) - Date.parse(first)) / 86_400_000);
  await inTenant((ctx) => services.cob.run(ctx, opts.today, (c) => onProgress({ phase: 'close of business', done: days(c.businessDate), total: days(opts.today) })));
  const late: { id: string }[] = await inTenant(async (ctx) => (await ctx.db()).query(
    "SELECT id FROM loans WHERE created_at >= $1 AND disbursement_ref LIKE 'seed-%' AND status = 'ACTIVE' AND dpd >= 180", [started]));
  for (const [i, l] of late.entries()) {
    await inTenant((ctx) => services.servicing.writeOff(ctx, l.id, 'seeded history: 180 days past due'));
    onProgress({ phase: 'write-offs', done: i + 1, total: late.length });
  }
  // The write-offs reach today's snapshot and vintages.
  if (late.length) await inTenant((ctx) => services.cob.run(ctx, opts.today));
  return { loans: loans.length, repayments: plan.length, writtenOff: late.length };
}
