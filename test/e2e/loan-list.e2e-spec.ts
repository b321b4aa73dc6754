import { Dec } from '../../src/core/money';
import { autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * The loan list reads only the columns its selection asks for (raw SQL in the tenant's transaction).
 * Every field of a listed loan is checked against the stored row and against the single-loan read
 * (which loads the whole entity), through filters, pages, fragments and aliases, for staff and a
 * borrower token; a second tenant lists none of the first's loans.
 */
describe('loans list: selected columns, every field, filters, pages and tenants', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let other: Awaited<ReturnType<typeof autoLender>>;
  const ids: string[] = [];
  let borrowerId: string;
  let otherLoanId: string;

  const FIELDS = 'id status principal annualRate currency dpd bucket borrowerId productId nextDueDate';
  const ALL = `${FIELDS} applicationId productVersion netDisbursed apr disbursedAt agentId restructuredFrom restructuredInto`;
  const list = async (args: string, selection: string, token = lender.admin) => {
    const res = await app.gql(`{ loans${args ? `(${args})` : ''} { ${selection} } }`, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data!.loans;
  };
  const listIds = async (args: string, token = lender.admin) => ((await list(args, 'nodes { id }', token)).nodes as { id: string }[]).map((n) => n.id);
  const newestFirst = (xs: string[]) => [...xs].sort().reverse();

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    other = await autoLender(app);
    const first = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6, borrower: { externalRef: 'list-borrower-1' } });
    ids.push(first.loanId);
    borrowerId = first.borrowerId;
    for (const [amount, termCount] of [['15000.50', 12], ['20000.00', 3], ['9000.00', 9]] as const) ids.push((await disbursedLoan(app, lender, { amount, termCount })).loanId);
    otherLoanId = (await disbursedLoan(app, other, { amount: '11000.00' })).loanId;
    // One loan past due and one closed, so the filters have something to tell apart.
    await app.ownerQuery("UPDATE loans SET dpd = 45, bucket = '31-60' WHERE id = $1", [ids[1]]);
    await app.ownerQuery("UPDATE loans SET status = 'CLOSED' WHERE id = $1", [ids[2]]);
  });
  afterAll(() => app.close());

  it('answers the ten list fields of every loan as stored, newest id first', async () => {
    const page = await list('first: 50', `nodes { ${FIELDS} } pageInfo { hasNextPage hasPreviousPage }`);
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
    const rows = await app.ownerQuery(
      `SELECT id, status, principal::text, annual_rate::text, currency, dpd, bucket, borrower_id, product_id, next_due_date::text FROM loans WHERE tenant_id = $1 ORDER BY id DESC`,
      [lender.tenantId]);
    expect(rows.map((r) => r.id)).toEqual(newestFirst(ids));
    expect(page.nodes).toEqual(rows.map((r) => ({
      id: r.id, status: r.status, principal: new Dec(r.principal).toFixed(2), annualRate: new Dec(r.annual_rate).toFixed(), currency: r.currency, dpd: r.dpd, bucket: r.bucket,
      borrowerId: r.borrower_id, productId: r.product_id, nextDueDate: r.next_due_date,
    })));
    // Real values, not defaults: the amounts the spec lent, a rate of the product, dates in the future.
    expect(page.nodes.map((n: any) => n.principal).sort()).toEqual(['12000.00', '15000.50', '20000.00', '9000.00']);
    for (const n of page.nodes) {
      expect(n).toMatchObject({ currency: 'KES', productId: lender.productId });
      expect(new Dec(n.annualRate).gt(0)).toBe(true);
      expect(n.nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(page.nodes.find((n: any) => n.id === ids[1])).toMatchObject({ dpd: 45, bucket: '31-60' });
    expect(page.nodes.find((n: any) => n.id === ids[2])).toMatchObject({ status: 'CLOSED' });
  });

  it('answers every Loan field as the single-loan read does, through nodes and edges alike', async () => {
    const nodes = (await list('first: 10', `nodes { ${ALL} product { id code version } }`)).nodes as any[];
    const edges = (await list('first: 10', `edges { cursor node { ${ALL} } }`)).edges as any[];
    expect(nodes.map((n) => n.id)).toEqual(newestFirst(ids));
    for (const [i, node] of nodes.entries()) {
      const single = (await app.gql(`{ loan(id: "${node.id}") { ${ALL} product { id code version } } }`, {}, lender.admin)).data!.loan;
      expect(node).toEqual(single);
      expect(node.product).toMatchObject({ id: lender.productId, code: 'CONSUMER-1', version: 1 });
      const { product: _product, ...scalars } = single;
      expect(edges[i].node).toEqual(scalars);
    }
  });

  it('reads field resolvers of a listed loan (schedule, balances) by its id', async () => {
    // Each loan's schedule and balances replay it (2,000 points each, see query-cost): a short page.
    const page = await list(`first: 3, borrowerId: "${borrowerId}"`, 'nodes { id schedule { number } balances { outstanding { principal } } }');
    const first = page.nodes.find((n: any) => n.id === ids[0]);
    expect(first.schedule.map((s: any) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(first.balances.outstanding.principal).toBe('12000.00');
  });

  it('follows fragments, inline fragments and aliases', async () => {
    const res = await app.gql(`{ loans(first: 50) { nodes { ...Money ... on Loan { due: nextDueDate } key: id } } }
      fragment Money on Loan { amount: principal currency }`, {}, lender.admin);
    expect(res.errors).toBeUndefined();
    const rows = await app.ownerQuery('SELECT id, principal::text, next_due_date::text FROM loans WHERE tenant_id = $1 ORDER BY id DESC', [lender.tenantId]);
    expect(res.data!.loans.nodes).toEqual(rows.map((r) => ({ key: r.id, amount: new Dec(r.principal).toFixed(2), currency: 'KES', due: r.next_due_date })));
  });

  it('keeps every filter', async () => {
    expect(await listIds('status: CLOSED')).toEqual([ids[2]]);
    expect(await listIds('status: ACTIVE')).toEqual(newestFirst(ids.filter((id) => id !== ids[2])));
    expect(await listIds('bucket: "31-60"')).toEqual([ids[1]]);
    expect(await listIds('dpdMin: 30')).toEqual([ids[1]]);
    expect(await listIds('dpdMin: 0')).toEqual(newestFirst(ids));
    expect(await listIds(`borrowerId: "${borrowerId}"`)).toEqual([ids[0]]);
    expect(await listIds(`productId: "${lender.productId}"`)).toEqual(newestFirst(ids));
    expect(await listIds(`productId: "${other.productId}"`)).toEqual([]);
    expect(await listIds('status: ACTIVE, dpdMin: 30, bucket: "31-60"')).toEqual([ids[1]]);
  });

  it('pages by cursor: every loan once, in order, with page info', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; ; pageNo++) {
      const page: any = await list(`first: 3${after ? `, after: "${after}"` : ''}`, 'nodes { id } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }');
      expect(page.edges.map((e: any) => e.node.id)).toEqual(page.nodes.map((n: any) => n.id));
      expect(page.pageInfo).toMatchObject({ hasPreviousPage: pageNo > 0, startCursor: page.edges[0].cursor, endCursor: page.edges[page.edges.length - 1].cursor });
      seen.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst(ids));
    const bad = await app.gql('{ loans(first: 0) { nodes { id } } }', {}, lender.admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('shows a borrower token its own loans only', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const minted = await app.gql('mutation { mintBorrowerToken(input: { externalRef: "list-borrower-1" }) { token borrowerId } }', {}, appKey);
    expect(minted.errors).toBeUndefined();
    expect(minted.data!.mintBorrowerToken.borrowerId).toBe(borrowerId);
    const token = minted.data!.mintBorrowerToken.token;
    const page = await list('first: 50', `nodes { ${FIELDS} }`, token);
    expect(page.nodes.map((n: any) => n.id)).toEqual([ids[0]]);
    expect(page.nodes[0]).toMatchObject({ borrowerId, principal: '12000.00' });
    expect(await listIds(`borrowerId: "${(await app.ownerQuery('SELECT borrower_id FROM loans WHERE id = $1', [ids[3]]))[0].borrower_id}"`, token)).toEqual([]);
  });

  it('shows a second tenant none of the first tenant’s loans, and the first none of the second’s', async () => {
    expect(await listIds('first: 100', other.admin)).toEqual([otherLoanId]);
    expect(await listIds(`first: 100, productId: "${lender.productId}"`, other.admin)).toEqual([]);
    expect(await listIds(`first: 100, borrowerId: "${borrowerId}"`, other.admin)).toEqual([]);
    expect(await listIds('first: 100')).not.toContain(otherLoanId);
    // A cursor taken from the first tenant's list pages nothing of it in the second.
    expect(await listIds(`first: 100, after: "${Buffer.from('v1:ffffffff-ffff-7fff-bfff-ffffffffffff').toString('base64url')}"`, other.admin)).toEqual([otherLoanId]);
  });
});
