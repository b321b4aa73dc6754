import { buildSchedule } from '../../core/loan-math';
import { Dec, currencyDecimals } from '../../core/money';
import { productScheduleInput } from '../../core/products/product-schedule';
import type { Units } from '../../platform/tenancy/units';
import { loanAccountMapping } from '../../core/ledger/journal';
import type { LedgerService } from '../ledger';
import type { LoanProductService } from '../products';
import { servicingTermsOf } from '../loans';

/**
 * Generates a book of synthetic, already-disbursed loans for load tests and demos (`npx microlend
 * seed loans`): borrowers, applications and loans inserted set-based in batches, each batch its own
 * transaction, all on one product with a realistic schedule starting `startDate` (disbursed that morning). Each loan is posted
 * as loan booking posts it (its DISBURSEMENT entry dated `startDate`: the principal to the loan, the
 * same paid out of cash clearing; the seeded loans carry no fees), in the same statement, so the book
 * reconciles with the ledger and close of business catches each loan up from `startDate`. Given
 * existing borrowers, it lends to them again (a renewal), at the principal asked for.
 */
export async function seedLoans(
  units: Units,
  services: { products: LoanProductService; ledger: LedgerService },
  opts: {
    tenantId: string; productCode: string; count: number; startDate: string; batchSize?: number;
    /** Lend to these existing borrowers (one loan each; count is their number), not to new ones. */
    borrowerIds?: string[];
    /** The principal (clipped to the product's range); the product's smallest by default. */
    principal?: string;
    /** Instalments (clipped to the product's range); up to 12 by default. */
    termCount?: number;
  },
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const batch = opts.batchSize ?? 50_000;
  const actor = { type: 'SYSTEM' as const, id: 'seed' };
  const setup = await units.run({ tenantId: opts.tenantId, actor, roles: [] }, async (ctx) => {
    const em = await ctx.db();
    const [product] = await em.query('SELECT id, current_version FROM loan_products WHERE code = $1', [opts.productCode]);
    if (!product) throw new Error(`no product ${opts.productCode}`);
    const version = await services.products.version(ctx, product.id, product.current_version);
    const grade = version.terms.rateBands[0].grade;
    const { amountMin, amountMax, termMin, termMax } = version.terms;
    const principal = !opts.principal || new Dec(opts.principal).lt(amountMin) ? amountMin : new Dec(opts.principal).gt(amountMax) ? amountMax : opts.principal;
    const { input } = productScheduleInput(version.terms, { principal, termCount: Math.max(termMin, Math.min(opts.termCount ?? 12, termMax)), grade, disbursementDate: opts.startDate, frequency: version.terms.frequencies[0] });
    const s = buildSchedule(input, { currencyDecimals: currencyDecimals(version.terms.currency) });
    const schedule = s.installments.map((i) => ({ number: i.number, dueDate: i.dueDate, principal: i.principal.toFixed(2), interest: i.interest.toFixed(2), fees: i.fees.toFixed(2), total: i.total.toFixed(2), balance: i.balance.toFixed(2) }));
    const [{ n }] = await em.query('SELECT count(*)::int AS n FROM loans');
    await services.ledger.accounts(ctx); // the chart the entries post to
    const terms = servicingTermsOf(version.terms);
    const mapping = loanAccountMapping(terms);
    const accounts = { principal: mapping?.LOAN_PRINCIPAL ?? 'LOAN_PRINCIPAL', cash: mapping?.CASH_CLEARING ?? 'CASH_CLEARING' };
    return { product, version, schedule, principal: s.totalPrincipal.toFixed(2), currency: version.terms.currency, terms, offset: n, rate: input.annualInterestRate, accounts };
  });
  const count = opts.borrowerIds?.length ?? opts.count;
  // Ids as loan booking makes them (UUIDv7, time first), a millisecond apart ending now, so the seeded
  // book lies in the table in id order as a booked one does: close of business's partitions are id
  // ranges, and a book of random ids would scatter each over the whole table.
  const firstMs = Date.now() - count - 1;
  let done = 0;
  while (done < count) {
    const size = Math.min(batch, count - done);
    const from = setup.offset + done + 1;
    await units.run({ tenantId: opts.tenantId, actor, roles: [] }, async (ctx) => {
      const em = await ctx.db();
      const first = setup.schedule[0];
      await em.query(
        `WITH ids AS (
           SELECT g, coalesce(($23::uuid[])[g - $1 + 1], ${V7}) AS borrower_id, ${V7} AS app_id, ${V7} AS loan_id, ${V7} AS entry_id
           FROM generate_series($1::int, $2::int) g
         ), b AS (
           INSERT INTO borrowers (tenant_id, id, external_ref, kind, segment, full_name, region, industry)
           SELECT $3, borrower_id, 'seed-' || g, 'INDIVIDUAL', 'CONSUMER', 'Seed Borrower ' || g, 'Region ' || (g % 20), 'retail' FROM ids WHERE $23::uuid[] IS NULL RETURNING 1
         ), a AS (
           INSERT INTO applications (tenant_id, id, borrower_id, product_id, product_version, requested_amount, term_count, frequency, status, status_entered_at, source, created_by_type)
           SELECT $3, app_id, borrower_id, $4, $5, $6, $7, $8, 'DISBURSED', now(), 'STAFF', 'SYSTEM' FROM ids RETURNING 1
         ), je AS (
           INSERT INTO journal_entries (tenant_id, id, kind, business_date, loan_id, reference)
           SELECT $3, entry_id, 'DISBURSEMENT', $13, loan_id, 'seed-' || g FROM ids RETURNING 1
         ), jl AS (
           INSERT INTO journal_lines (tenant_id, entry_id, line_no, account_code, debit, credit)
           SELECT $3, entry_id, 1, $21, $6, 0 FROM ids UNION ALL SELECT $3, entry_id, 2, $22, 0, $6 FROM ids RETURNING 1
         )
         INSERT INTO loans (tenant_id, id, application_id, borrower_id, product_id, product_version, currency, principal, net_disbursed, annual_rate, apr, schedule,
                            status, disbursed_at, disbursement_ref, servicing_terms, disbursement_date, principal_outstanding, total_outstanding, next_due_date,
                            accrual_index, accrual_period_start, accrual_period_end, accrual_period_interest, next_unpaid_principal, next_unpaid_total,
                            penalty_rate, money_decimals, rounding_mode, last_cob_date, penalty_from)
         SELECT $3, loan_id, app_id, borrower_id, $4, $5, $9, $6, $6, $10, $10, $11, 'ACTIVE', $13::date + time '09:00', 'seed-' || g, $12, $13, $6, $6, $14,
                0, $13, $14, $15, $16, $17, $18, $19, $20, $13, $14
         FROM ids`,
        [from, from + size - 1, opts.tenantId, setup.product.id, setup.version.version, setup.principal, setup.schedule.length, setup.version.terms.frequencies[0],
          setup.currency, String(setup.rate), JSON.stringify(setup.schedule), JSON.stringify(setup.terms), opts.startDate, first.dueDate, first.interest, first.principal,
          first.total, setup.terms.penaltyAnnualRate, setup.terms.decimals, setup.terms.roundingMode, setup.accounts.principal, setup.accounts.cash,
          opts.borrowerIds ? opts.borrowerIds.slice(done, done + size) : null, firstMs - setup.offset],
      );
    });
    done += size;
    onProgress(done, count);
  }
  return done;
}

/** A UUIDv7 in SQL for seed row `g`: the millisecond $24 + g, the version nibble 7, the rest (variant included) from a random UUID. */
const V7 = `encode(set_byte(overlay(uuid_send(gen_random_uuid()) placing substring(int8send($24::bigint + g) from 3) from 1 for 6), 6, 112 + (random() * 15)::int), 'hex')::uuid`;
