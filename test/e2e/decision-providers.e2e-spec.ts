import { type Providers, sandboxProviders } from '../../src/platform/providers/providers';
import { transactionOpenHere } from '../../src/platform/tenancy/transaction-scope';
import { SUBMIT, borrowerInput, lenderWithProduct } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/** Every question put to the identity check and the bureau, and whether a transaction of the caller was open when it was asked. */
interface Asked {
  provider: 'KYC' | 'BUREAU';
  nationalId: string;
  inTransaction: boolean;
}

/**
 * The sandboxes, recording who asks them and refusing nothing (the guard in front of them is the
 * app's own, see guardedProviders). A national ID ending in 4444 makes the bureau fail, as a vendor
 * that is down would.
 */
function recorded(asked: Asked[]): Providers {
  const sandbox = sandboxProviders();
  return {
    ...sandbox,
    kyc: { name: sandbox.kyc.name, verify: async (req) => (asked.push({ provider: 'KYC', nationalId: req.nationalId, inTransaction: transactionOpenHere() }), sandbox.kyc.verify(req)) },
    bureau: {
      name: sandbox.bureau.name,
      pull: async (req) => {
        asked.push({ provider: 'BUREAU', nationalId: req.nationalId, inTransaction: transactionOpenHere() });
        if (req.nationalId.endsWith('4444')) throw new Error('bureau unavailable');
        return sandbox.bureau.pull(req);
      },
    },
  };
}

/**
 * KYC and the bureau are asked with no transaction open (a vendor's seconds hold no connection and
 * no lock), once each per submission, and only for a submission that would be decided: what refuses
 * it (a known national ID, the product, its terms, the borrower's consent) is read before, and a
 * submission refused there asks no one. A provider that fails leaves nothing written. Through GraphQL.
 */
describe('the decision asks its providers outside any transaction', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;
  const asked: Asked[] = [];
  const submit = (input: Record<string, unknown>) => app.gql(SUBMIT, { input: { productId: lender.productId, amount: '10000.00', termCount: 6, frequency: 'MONTHLY', ...input } }, lender.admin);
  const written = () => app.ownerQuery<{ a: number; b: number }>('SELECT (SELECT count(*) FROM applications)::int AS a, (SELECT count(*) FROM borrowers)::int AS b');

  beforeAll(async () => {
    app = await startTestApp({ providers: recorded(asked) });
    lender = await lenderWithProduct(app);
  });
  afterAll(() => app.close());

  it('asks each provider once, with no transaction open, and keeps their answers as the checks', async () => {
    const person = borrowerInput();
    asked.length = 0;
    const res = await submit({ borrower: person });
    expect(res.errors).toBeUndefined();
    const decided = res.data!.submitApplication;
    expect(asked).toEqual([
      { provider: 'KYC', nationalId: person.nationalId, inTransaction: false },
      { provider: 'BUREAU', nationalId: person.nationalId, inTransaction: false },
    ]);
    expect(decided.decision.checks.map((c: { kind: string }) => c.kind)).toEqual(['KYC', 'SANCTIONS', 'FRAUD', 'BUREAU']);

    // A borrower already on the books applies again: asked about by the national ID on record.
    asked.length = 0;
    const again = await submit({ borrowerId: decided.borrowerId, amount: '12000.00' });
    expect(again.errors).toBeUndefined();
    expect(asked.map((a) => [a.provider, a.nationalId, a.inTransaction])).toEqual([['KYC', person.nationalId, false], ['BUREAU', person.nationalId, false]]);
  });

  it('asks no one for a submission refused before the decision, and writes nothing', async () => {
    const known = borrowerInput();
    expect((await submit({ borrower: known })).errors).toBeUndefined();
    const unconsenting = (await app.gql('mutation($i: BorrowerInput!) { createBorrower(input: $i) { id } }', { i: borrowerInput() }, lender.admin)).data!.createBorrower;
    const before = await written();
    asked.length = 0;
    for (const [input, expected] of [
      [{ borrower: { ...borrowerInput(), nationalId: known.nationalId } }, { code: 'CONFLICT', field: 'input.borrower.nationalId' }],
      [{ borrower: borrowerInput(), amount: '999999999.00' }, { code: 'BAD_USER_INPUT', field: 'input.amount' }],
      [{ borrower: borrowerInput(), termCount: 99 }, { code: 'BAD_USER_INPUT', field: 'input.termCount' }],
      [{ borrowerId: unconsenting.id }, { code: 'CONFLICT', reason: 'CONSENT_REQUIRED' }],
    ] as const) {
      const res = await submit(input);
      expect(res.errors![0].extensions).toMatchObject(expected);
    }
    expect(asked).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('writes nothing when a provider fails', async () => {
    const before = await written();
    asked.length = 0;
    const res = await submit({ borrower: borrowerInput({ nationalId: 'KE00554444' }) });
    expect(res.errors).toHaveLength(1);
    expect(res.data).toBeNull();
    expect(asked.map((a) => [a.provider, a.inTransaction])).toEqual([['KYC', false], ['BUREAU', false]]);
    expect(await written()).toEqual(before);
  });

  it("pulls a borrower's bureau report again with no transaction open", async () => {
    const person = borrowerInput();
    const decided = (await submit({ borrower: person })).data!.submitApplication;
    asked.length = 0;
    const res = await app.gql(`mutation { refreshBureauReport(borrowerId: "${decided.borrowerId}") { borrowerId openLoans signals } }`, {}, lender.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.refreshBureauReport.borrowerId).toBe(decided.borrowerId);
    expect(asked).toEqual([{ provider: 'BUREAU', nationalId: person.nationalId, inTransaction: false }]);
  });
});
