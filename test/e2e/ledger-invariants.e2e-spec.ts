import fc from 'fast-check';
import { Dec } from '../../src/core/money';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * A randomised history through the real service (repayments of any size, backdated or not, reversals,
 * fee charges, waivers, refunds, nightly runs in between), after which the ledger and the loans must
 * still agree: the trial balance balances, and for every loan the principal and overpayment accounts
 * equal what the replay says is outstanding and held.
 */
describe('ledger invariants after a randomised history', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
  });
  afterAll(() => app.close());

  const op = fc.oneof(
    fc.record({ kind: fc.constant('pay' as const), loan: fc.nat(2), cents: fc.integer({ min: 1, max: 900_000 }), daysAgo: fc.nat(80) }),
    fc.record({ kind: fc.constant('reverse' as const), loan: fc.nat(2), pick: fc.nat(20) }),
    fc.record({ kind: fc.constant('fee' as const), loan: fc.nat(2), cents: fc.integer({ min: 100, max: 50_000 }) }),
    fc.record({ kind: fc.constant('waive' as const), loan: fc.nat(2), what: fc.constantFrom('FEE', 'PENALTY', 'INTEREST'), cents: fc.integer({ min: 100, max: 100_000 }) }),
    fc.record({ kind: fc.constant('refund' as const), loan: fc.nat(2) }),
    fc.record({ kind: fc.constant('cob' as const), daysAgo: fc.nat(60) }),
  );

  it.each([20260101, 42])('holds for seed %i', async (seed) => {
    const loans: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { loanId } = await disbursedLoan(app, lender, { amount: '15000.00', termCount: 4 });
      await ageLoan(app, loanId, 90);
      loans.push(loanId);
    }
    const ops = fc.sample(fc.array(op, { minLength: 30, maxLength: 30 }), { seed, numRuns: 1 })[0];
    const today = new Date().toISOString().slice(0, 10);
    const ago = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
    let n = 0;
    const applied: Record<string, number> = {};
    const count = (kind: string, res: { errors?: unknown[] } | undefined) => {
      if (res && !res.errors) applied[kind] = (applied[kind] ?? 0) + 1;
    };
    for (const o of ops) {
      n++;
      if (o.kind === 'pay') {
        const res = await app.gql(REPAY, { i: { loanId: loans[o.loan], amount: new Dec(o.cents).div(100).toFixed(2), paidAt: ago(o.daysAgo), method: 'CASH', idempotencyKey: `inv-${seed}-${n}` } }, lender.admin);
        count('pay', res);
      } else if (o.kind === 'reverse') {
        const txs = (await app.gql(LOAN(loans[o.loan]), {}, lender.admin)).data!.loan.transactions.nodes.filter((t: any) => t.status === 'POSTED');
        if (txs.length) count('reverse', await app.gql(`mutation { reverseTransaction(id: "${txs[o.pick % txs.length].id}", reason: "random") { id } }`, {}, lender.admin));
      } else if (o.kind === 'fee') {
        count('fee', await app.gql(`mutation { chargeFee(loanId: "${loans[o.loan]}", amount: "${new Dec(o.cents).div(100).toFixed(2)}", name: "random") { id } }`, {}, lender.admin));
      } else if (o.kind === 'waive') {
        count('waive', await app.gql(`mutation { waive(loanId: "${loans[o.loan]}", kind: ${o.what}, amount: "${new Dec(o.cents).div(100).toFixed(2)}", reason: "random") { id } }`, {}, lender.admin));
      } else if (o.kind === 'refund') {
        const credit = (await app.gql(LOAN(loans[o.loan]), {}, lender.admin)).data!.loan.balances.credit;
        if (new Dec(credit).gt(0)) await app.gql(`mutation { refundCredit(loanId: "${loans[o.loan]}", amount: "${credit}", method: CASH, idempotencyKey: "inv-refund-${seed}-${n}") { id } }`, {}, lender.admin);
      } else {
        await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, ago(o.daysAgo)).catch(() => undefined));
      }
    }
    // The history really happened: most repayments went through (some are refused, e.g. on a closed loan).
    expect(applied.pay ?? 0).toBeGreaterThanOrEqual(3);
    const tb = (await app.gql('{ trialBalance { balanced totalDebit totalCredit } }', {}, lender.admin)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    for (const id of loans) {
      const l = (await app.gql(LOAN(id), {}, lender.admin)).data!.loan;
      const ledger = l.balances.ledger as Record<string, string>;
      expect({ loan: id, principal: new Dec(ledger.LOAN_PRINCIPAL ?? '0').toFixed(2) }).toEqual({ loan: id, principal: l.balances.outstanding.principal });
      expect({ loan: id, credit: new Dec(ledger.OVERPAYMENT_LIABILITY ?? '0').negated().toFixed(2) }).toEqual({ loan: id, credit: l.balances.credit });
      expect(new Dec(l.balances.outstanding.total).isNeg()).toBe(false);
    }
  }, 120_000);
});
