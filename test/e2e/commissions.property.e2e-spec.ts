import fc from 'fast-check';
import { Dec } from '../../src/core/money';
import { collectionsLender } from '../support/collections';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { ageLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { drainPayouts } from '../support/payouts';
import { type TestApp, startTestApp } from '../support/test-app';

const AGENT_SUBMIT = 'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }';
const PLAN = {
  code: 'PROP', name: 'Property plan',
  rules: [
    { trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015', tierBy: 'COUNT', tiers: [{ above: '2', rate: '0.02' }] },
    { trigger: 'FIRST_REPAYMENT', basis: 'FLAT', amount: '50' },
    { trigger: 'EACH_REPAYMENT', basis: 'INTEREST_COLLECTED', rate: '0.1' },
  ],
  capPerLoan: '400', clawback: { dpd: 5, withinDays: 60 }, holdback: { share: '0.25', releaseAfterDays: 30 }, networkOverride: { share: '0.1' },
};

type Op = { kind: 'disburse'; amount: number } | { kind: 'repay'; loan: number } | { kind: 'reverse'; repayment: number } | { kind: 'default'; loan: number } | { kind: 'close' } | { kind: 'pay' };

const disburse = fc.record({ kind: fc.constant('disburse' as const), amount: fc.integer({ min: 2, max: 30 }).map((n) => n * 1000) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: disburse, weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('repay' as const), loan: fc.nat(9) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('default' as const), loan: fc.nat(9) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), repayment: fc.nat(9) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'close' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'pay' as const }), weight: 2 },
);
/** A book to start from, then anything in any order. */
const lives = fc.tuple(fc.array(disburse, { minLength: 1, maxLength: 3 }), fc.array(op, { minLength: 3, maxLength: 9 })).map(([start, rest]) => [...start, ...rest] as Op[]);

/**
 * Random lives of an agent's book: disbursements, repayments, defaults, the month closed and its
 * statement paid, with close of business after each step. Whatever the order: nothing is earned twice
 * for a trigger, a defaulted loan's commissions are reversed exactly once, the ledger balances and
 * owes the agent what it earned less what was clawed back and paid, and what was paid plus what the
 * statements still owe is what was earned less clawed back less still held.
 */
describe('commissions under random sequences (property)', () => {
  let app: TestApp;
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('pays what was earned, less clawed back and held, once per trigger', async () => {
    await fc.assert(fc.asyncProperty(lives, fc.constantFrom('MARGINAL', 'WHOLE'), async (ops, tierMode) => {
      const { lender } = await collectionsLender(app);
      const gql = async (query: string, key = lender.admin, variables: Record<string, unknown> = {}) => {
        const res = await app.gql(query, variables, key);
        if (res.errors) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
        return res.data!;
      };
      const today = new Date().toISOString().slice(0, 10);
      const period = today.slice(0, 7);
      await gql('mutation { setStripeCredentials(input: { secretKey: "sk_test_51TenantOwnKeyAbcdefghijklmnop", webhookSigningSecret: "whsec_tenantSigningSecret0123456789" }) { provider } }');
      await gql('mutation($i: CommissionPlanInput!) { setCommissionPlan(input: $i) { id } }', lender.admin,
        { i: { ...PLAN, rules: PLAN.rules.map((r) => (r.tiers ? { ...r, tierMode } : r)) } });
      const network = (await gql('mutation { createAgent(input: { kind: NETWORK, name: "Net" }) { id } }')).createAgent.id;
      const agent = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Agent", parentId: "${network}", payoutAccount: "acct_1PropAgent" }) { id } }`)).createAgent.id;
      const agentKey = await app.apiKey(lender.slug, 'AGENT', { agentId: agent });
      const cob = () => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, today));
      const loans: string[] = [];
      const defaulted = new Set<string>();
      const repayments: string[] = [];
      const reversed = new Set<string>();
      let closed = false;
      let n = 0;
      for (const o of ops) {
        n++;
        if (o.kind === 'disburse') {
          const submitted = (await gql(AGENT_SUBMIT, agentKey, { input: { productId: lender.productId, amount: `${o.amount}.00`, termCount: 3, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication;
          const hash = (await gql(`mutation { acceptOffer(applicationId: "${submitted.id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
          await gql(`mutation { signContract(applicationId: "${submitted.id}", signerName: "B", documentHash: "${hash}") { status } }`);
          const id = (await gql(`mutation { disburseLoan(applicationId: "${submitted.id}", idempotencyKey: "d-${submitted.id}") { id } }`)).disburseLoan.id;
          await ageLoan(app, id, 1);
          loans.push(id);
        } else if (o.kind === 'repay' && loans.length) {
          const id = loans[o.loan % loans.length];
          if (!defaulted.has(id)) repayments.push((await gql(`mutation { recordRepayment(input: { loanId: "${id}", amount: "500.00", paidAt: "${today}", method: CASH, idempotencyKey: "repay-${n}-${id}" }) { transactionId } }`)).recordRepayment.transactionId);
        } else if (o.kind === 'reverse' && repayments.length) {
          const tx = repayments[o.repayment % repayments.length];
          if (!reversed.has(tx)) {
            await gql(`mutation { reverseTransaction(id: "${tx}", reason: "bounced") { status } }`);
            reversed.add(tx);
          }
        } else if (o.kind === 'default' && loans.length) {
          const id = loans[o.loan % loans.length];
          if (!defaulted.has(id)) {
            await ageLoan(app, id, 40);
            defaulted.add(id);
          }
        } else if (o.kind === 'close' && !closed) {
          await gql(`mutation { closeCommissionPeriod(period: "${period}") { period } }`);
          closed = true;
        } else if (o.kind === 'pay' && closed) {
          const res = await app.gql(`mutation { payAgentCommission(input: { agentId: "${agent}", period: "${period}", idempotencyKey: "pay-${period}-${n}" }) { id } }`, {}, lender.admin);
          if (res.errors) expect(['STATEMENT_PAID', 'NOTHING_TO_PAY']).toContain(res.errors[0].extensions.reason);
        }
        await cob();
      }
      await drainPayouts(app, lender.slug);

      const rows = (await gql(`{ commissions(first: 100) { nodes { id agentId loanId kind trigger amount held reversesId sourceRef } } }`)).commissions.nodes as
        { id: string; agentId: string; loanId: string; kind: string; trigger: string; amount: string; held: string; reversesId: string | null; sourceRef: string }[];
      const clawed = rows.filter((r) => r.kind === 'CLAWBACK');
      // Once per trigger: a loan's disbursement and first repayment each earn the agent (and its network) at most once,
      // counting what stands (a first repayment reversed is taken back, and the next real one is the first).
      for (const kind of ['EARNED', 'OVERRIDE']) {
        const keys = rows.filter((r) => r.kind === kind && r.trigger !== 'EACH_REPAYMENT' && !(r.trigger === 'FIRST_REPAYMENT' && reversed.has(r.sourceRef)))
          .map((r) => `${r.agentId}/${r.loanId}/${r.trigger}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
      // A reversed repayment keeps nothing it earned.
      expect(rows.filter((r) => r.kind === 'EARNED' && new Dec(r.amount).gt(0) && reversed.has(r.sourceRef) && !clawed.some((c) => c.reversesId === r.id))).toEqual([]);
      // A defaulted loan's commissions, and those of a reversed repayment, are reversed exactly once; nothing else is.
      expect(new Set(clawed.map((r) => r.reversesId)).size).toBe(clawed.length);
      for (const r of rows.filter((x) => ['EARNED', 'OVERRIDE', 'ADJUSTMENT'].includes(x.kind))) {
        const source = r.kind === 'EARNED' ? r : rows.find((e) => e.id === r.reversesId) ?? r;
        const due = (defaulted.has(r.loanId) || (source.trigger !== 'DISBURSED' && reversed.has(source.sourceRef))) && new Dec(r.amount).gt(0);
        expect([r.id, clawed.some((c) => c.reversesId === r.id)]).toEqual([r.id, due]);
      }
      const sum = (xs: string[]) => xs.reduce((s, v) => s.plus(v), new Dec(0));
      const mine = rows.filter((r) => r.agentId === agent);
      const earned = sum(mine.filter((r) => r.kind === 'EARNED' || r.kind === 'ADJUSTMENT').map((r) => r.amount));
      const clawedBack = sum(mine.filter((r) => r.kind === 'CLAWBACK').map((r) => r.amount)).neg();
      const stillHeld = sum(mine.map((r) => r.held));
      const payments = (await gql('{ payments(first: 50, kind: COMMISSION_PAYOUT) { nodes { amount status } } }')).payments.nodes as { amount: string; status: string }[];
      const paid = sum(payments.filter((p) => p.status === 'SUCCEEDED').map((p) => p.amount));
      const next = new Date(Date.parse(`${period}-01T00:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 7);
      const [owed] = (await gql(`{ commissionStatements(agentId: "${agent}", period: "${next}") { closing } }`)).commissionStatements;
      expect(paid.plus(owed.closing).toFixed(2)).toBe(earned.minus(clawedBack).minus(stillHeld).toFixed(2));
      // The books: balanced, and owing the agents (with the network's overrides) what they earned less clawed back and paid.
      const tb = (await gql('{ trialBalance { balanced lines { account balance } } }')).trialBalance;
      expect(tb.balanced).toBe(true);
      const payable = tb.lines.find((l: { account: string }) => l.account === 'COMMISSION_PAYABLE')?.balance ?? '0';
      expect(new Dec(payable).neg().toFixed(2)).toBe(sum(rows.map((r) => r.amount)).minus(paid).toFixed(2));
    }), { numRuns: 6, endOnFailure: true });
  }, 300_000);
});
