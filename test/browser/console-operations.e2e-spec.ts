import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { accessibilityViolations, browserPerTest, listen, screenshot, signIn } from '../support/browser';
import { collectionsLender } from '../support/collections';
import { eventually } from '../support/eventually';
import { LOAN, ageLoan, disbursedLoan } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;

/**
 * The console's daily work in a real browser (Debian's Chromium) on the real API and a fresh database:
 * an underwriter approves from the queue, a servicer records a repayment and sees the schedule change,
 * a collector is refused in the borrower's quiet hours and told when calling is allowed, an analyst
 * reads the portfolio as figures and charts.
 */
describe('console: applications, loans, collections, portfolio', () => {
  const browsing = browserPerTest();
  let app: TestApp;
  let server: Server;
  let url: string;
  let page: Page;
  let lender: Awaited<ReturnType<typeof collectionsLender>>['lender'];
  let referredId: string;
  let caseId: string;

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    const admin = lender.admin;
    const ok = async (query: string, vars: Record<string, unknown> = {}) => {
      const res = await app.gql(query, vars, admin);
      if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return res.data!;
    };
    const staff: Record<string, string> = {};
    for (const role of ['UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'LENDER_ADMIN']) {
      const made = await ok(`mutation { createStaffUser(input: { email: "${role.toLowerCase()}@lender.test", fullName: "${role[0]}${role.slice(1).toLowerCase()} Staff", roles: [${role}], password: "a long password" }) { id } }`);
      staff[role] = made.createStaffUser.id;
    }
    // The underwriter may approve up to 100,000 on their own.
    await ok(`mutation { setStaffApprovalAuthority(id: "${staff.UNDERWRITER}", approvalLimit: "100000", groups: []) { id } }`);
    // A collections policy, and a case: a loan forty days old, its first instalment missed, in Shanghai.
    await ok('mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id } }', { i: { code: 'STD', name: 'Standard', stages: [{ name: 'EARLY', minDpd: 1, weight: '1', actions: [{ channel: 'CALL', everyDays: 0 }] }] } });
    const late = await disbursedLoan(app, lender, { amount: '9000.00', termCount: 3, borrower: borrowerInput({ fullName: 'Li Wei', timeZone: 'Asia/Shanghai', locale: 'en' }) });
    await ageLoan(app, late.loanId, 40);
    const today = new Date().toISOString().slice(0, 10);
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, addDays(today, -1)));
    const cases = (await ok('{ collectionCases(first: 10, status: OPEN) { nodes { id loanId } } }')).collectionCases.nodes as { id: string; loanId: string }[];
    caseId = cases.find((c) => c.loanId === late.loanId)!.id;
    await ok(`mutation { assignCollectionCases(ids: ["${caseId}"], assignee: "${staff.COLLECTOR}") { id } }`);
    // Quiet now on the borrower's clock (Shanghai, UTC+8) for the next two hours.
    const shanghaiHour = new Date().getUTCHours() + 8;
    await ok('mutation($i: CollectionConductInput!) { setCollectionConduct(input: $i) { coolingOffDays } }', { i: { quietHours: { start: hh(shanghaiHour), end: hh(shanghaiHour + 2) }, maxContactsPerDay: 20, maxContactsPerWeek: 50 } });
    // Small loans approved by the system; larger ones by a credit officer.
    await ok('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Small loans", priority: 1, maxAmount: "50000", mode: AUTO }, { id: "officer", name: "Credit officer", priority: 2, mode: SINGLE }]) { id } }');
    const submitted = await ok(SUBMIT, { input: { productId: lender.productId, amount: '80000.00', termCount: 12, frequency: 'MONTHLY', purpose: 'Stock for the shop', borrower: borrowerInput({ fullName: 'Grace Achieng', monthlyIncome: '400000.00' }) } });
    expect(submitted.submitApplication.status).toBe('REFERRED');
    referredId = submitted.submitApplication.id;
    ({ url, server } = await listen(app.http.app));
  }, 180_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await app?.close();
  });
  beforeEach(async () => {
    page = browsing.page;
  });

  it('an underwriter finds the referred application in the queue, reads the decision and approves it with a comment', async () => {
    await signIn(page, url, lender.slug, 'underwriter@lender.test');
    await page.getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    const queue = page.getByTestId('application-queue');
    await queue.getByText('Referred').first().waitFor();
    expect(await queue.locator('tbody tr').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'applications-queue');
    await queue.getByRole('link', { name: `Open application ${referredId.slice(-8)}` }).click();
    await page.getByRole('heading', { name: /^Decision/ }).waitFor();
    // The explanation: checks, the tier that referred it.
    expect(await page.getByRole('table', { name: 'Checks' }).locator('tr').count()).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Approval tier' }).textContent()).toContain('officer');
    await page.getByLabel('Comment').fill('Stock turns over weekly; repayment capacity is strong');
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.getByTestId('application-status').filter({ hasText: 'Offered' }).waitFor();
    expect(await page.getByTestId('votes').textContent()).toContain('Stock turns over weekly');
    await page.getByTestId('offer').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'applications-approved');
    // What the page showed is what the API holds.
    const held = await app.gql(`{ application(id: "${referredId}") { status votes { vote comment } } }`, {}, lender.admin);
    expect(held.data!.application).toEqual({ status: 'OFFERED', votes: [{ vote: 'APPROVE', comment: 'Stock turns over weekly; repayment capacity is strong' }] });
  }, 120_000);

  it('a servicer records a repayment of the overdue instalment and the schedule shows it paid', async () => {
    const { loanId } = await disbursedLoan(app, lender, { amount: '6000.00', termCount: 3 });
    await ageLoan(app, loanId, 35);
    const before = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan;
    const due = before.schedule[0].unpaid as string;
    await signIn(page, url, lender.slug, 'servicer@lender.test');
    await page.getByRole('link', { name: 'Loans' }).click();
    await page.getByRole('link', { name: `Open loan ${loanId.slice(-8)}` }).click();
    const firstRow = page.getByTestId('loan-schedule').locator('tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.getAttribute('data-status')).toBe('OVERDUE');
    const form = page.getByTestId('repayment-form');
    await form.getByLabel(/^Amount/).fill(due);
    await form.getByRole('textbox', { name: 'Reference' }).fill('MPESA-QX81');
    await form.getByRole('button', { name: 'Record repayment' }).click();
    await page.getByTestId('allocation').waitFor();
    await page.getByTestId('loan-schedule').locator('tbody tr[data-status="PAID"]').first().waitFor();
    expect(await firstRow.getAttribute('data-status')).toBe('PAID');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'loans-repaid');
    await page.getByRole('tab', { name: 'Transactions' }).click();
    expect(await page.getByTestId('loan-transactions').textContent()).toContain('MPESA-QX81');
    await page.getByRole('tab', { name: 'Journal' }).click();
    await page.getByTestId('loan-journal').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('loan-journal').locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    const after = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan;
    expect(after.schedule[0]).toMatchObject({ status: 'PAID', unpaid: '0.00' });
    expect(after.transactions.nodes.filter((t: { kind: string }) => t.kind === 'REPAYMENT')).toEqual([expect.objectContaining({ amount: due })]);
    // The payoff quote beside it was asked again: its principal is what is left.
    const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
    await eventually(async () => expect(digits(await page.getByTestId('payoff-quote').getByRole('row', { name: /^Principal/ }).textContent())).toBe(digits(after.balances.outstanding.principal)));
  }, 120_000);

  it('a servicer restructures a loan onto a successor over a new term and follows the link to it', async () => {
    const { loanId } = await disbursedLoan(app, lender, { amount: '6000.00', termCount: 3 });
    await ageLoan(app, loanId, 40);
    await signIn(page, url, lender.slug, 'servicer@lender.test');
    await page.goto(`${url}/console/#/loans/${loanId}`);
    const form = page.getByTestId('restructure-form');
    await form.getByRole('textbox', { name: /^New number of instalments/ }).fill('6');
    await form.getByRole('textbox', { name: /^Reason/ }).fill('Lost a market stall; income back in a month');
    await form.getByRole('button', { name: 'Restructure the loan' }).click();
    await page.getByTestId('loan-status').filter({ hasText: 'Restructured' }).waitFor();
    await page.getByRole('link', { name: 'The restructured loan' }).click();
    await page.getByTestId('loan-schedule').locator('tbody tr').nth(5).waitFor();
    expect(await page.getByTestId('loan-schedule').locator('tbody tr').count()).toBe(6);
    const old = (await app.gql(`{ loan(id: "${loanId}") { status restructuredInto } }`, {}, lender.admin)).data!.loan;
    expect(old.status).toBe('RESTRUCTURED');
    expect(page.url()).toContain(old.restructuredInto);
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 120_000);

  it('a servicer imports a bank statement: each row explained, the matched one posted once however often the file comes', async () => {
    const { loanId } = await disbursedLoan(app, lender, { amount: '5000.00', termCount: 3 });
    const today = new Date().toISOString().slice(0, 10);
    const csv = ['Date,Amount,Reference,Payer', `${today},700.00,Loan ${loanId},Amina`, `${today},120.00,no such loan,Someone`].join('\r\n');
    const file = { name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    await signIn(page, url, lender.slug, 'servicer@lender.test');
    await page.getByRole('link', { name: 'Loans' }).click();
    await page.getByRole('link', { name: 'Import a bank statement' }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    const totals = page.getByTestId('statement-totals');
    await totals.waitFor();
    expect(await totals.locator('[data-total="matched"]').textContent()).toBe('1');
    expect(await totals.locator('[data-total="unmatched"]').textContent()).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'loans-statement-preview');
    await page.getByRole('button', { name: 'Post the 1 matched rows as repayments' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toMatch(/^1 repayments posted/);
    // The same file again, the next morning by mistake: nothing new to post.
    await page.reload();
    await page.locator('input[type="file"]').setInputFiles({ ...file, name: 'statement-again.csv' });
    await totals.locator('[data-total="alreadyImported"]').filter({ hasText: '1' }).waitFor();
    expect(await totals.locator('[data-total="matched"]').textContent()).toBe('0');
    expect(await page.getByRole('button', { name: /^Post the/ }).isDisabled()).toBe(true);
    const repayments = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan.transactions.nodes.filter((t: { kind: string }) => t.kind === 'REPAYMENT');
    expect(repayments).toEqual([expect.objectContaining({ amount: '700.00', status: 'POSTED' })]);
  }, 120_000);

  it('a collector opens the case from the queue, is refused an outbound call in the borrower’s quiet hours with when it is allowed, and logs the borrower’s inbound call', async () => {
    await signIn(page, url, lender.slug, 'collector@lender.test');
    await page.getByRole('link', { name: 'Collections' }).click();
    await page.getByTestId('case-queue').getByRole('link', { name: 'Li Wei' }).click();
    await page.getByRole('heading', { name: 'Case: Li Wei' }).waitFor();
    expect(await page.getByTestId('borrower-clock').textContent()).toContain('Asia/Shanghai');
    const form = page.getByTestId('contact-form');
    await form.getByLabel('Note').fill('Calling about the missed instalment');
    await form.getByRole('button', { name: 'Log contact' }).click();
    const refusal = form.locator('[data-error-code="CONDUCT_RULE_VIOLATION"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('quiet hours on the borrower’s clock');
    expect(await refusal.getByTestId('allowed-at').textContent()).toMatch(/^Allowed from /);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'collections-quiet-hours');
    // The borrower calls in: inbound contacts are not refused.
    await form.getByRole('combobox', { name: 'Direction' }).click();
    await page.getByRole('option', { name: 'Inbound' }).click();
    await form.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Promised to pay' }).click();
    await form.getByRole('button', { name: 'Log contact' }).click();
    await page.getByTestId('contacts').getByText('Calling about the missed instalment').waitFor();
    // A settlement at a discount above the stage's authority waits for a second person, and says so.
    const settlement = page.getByTestId('settlement-form');
    await settlement.getByRole('textbox', { name: /^Amount to settle/ }).fill('5000.00');
    await settlement.getByRole('textbox', { name: /^Pay by/ }).fill(addDays(new Date().toISOString().slice(0, 10), 14));
    await settlement.getByRole('button', { name: 'Offer settlement' }).click();
    const approval = settlement.locator('[data-error-code="APPROVAL_REQUIRED"]');
    await approval.waitFor();
    expect(await approval.textContent()).toContain('needs a second person’s approval');
    const pending = await app.gql('{ pendingApprovals { nodes { operation status } } }', {}, lender.admin);
    expect(pending.data!.pendingApprovals.nodes).toEqual([expect.objectContaining({ operation: 'offerSettlement', status: 'PENDING' })]);
    const held = await app.gql(`{ collectionCase(id: "${caseId}") { contacts { direction outcome note automatic } } }`, {}, lender.admin);
    expect(held.data!.collectionCase.contacts.filter((c: { automatic: boolean }) => !c.automatic)).toEqual([{ direction: 'INBOUND', outcome: 'PROMISE', note: 'Calling about the missed instalment', automatic: false }]);
  }, 120_000);

  it('the lender admin approves the collector’s settlement request (a servicer may not): it is made then, as the collector asked', async () => {
    await signIn(page, url, lender.slug, 'servicer@lender.test');
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByTestId('approvals').getByText('Decided by: Lender admin').waitFor();
    expect(await page.getByTestId('approvals').getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, url, lender.slug, 'lender_admin@lender.test');
    await page.getByRole('link', { name: 'Approvals' }).click();
    const row = page.getByTestId('approvals').getByRole('row').filter({ hasText: 'Settlement' });
    await row.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'approvals-pending');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for a second person.').waitFor();
    const c = (await app.gql(`{ collectionCase(id: "${caseId}") { settlement { amount status } } }`, {}, lender.admin)).data!.collectionCase;
    expect(c.settlement).toMatchObject({ amount: '5000.00' });
  }, 120_000);

  it('an analyst reads the portfolio as figures and charts drawn from the same figures', async () => {
    await signIn(page, url, lender.slug, 'analyst@lender.test');
    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByTestId('portfolio-figures').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const api = (await app.gql(`{ portfolioSummary(from: "${addDays(today, -365)}", asOf: "${today}") { activeLoans } }`, {}, lender.admin)).data!.portfolioSummary;
    expect(api.activeLoans).toBeGreaterThan(0);
    expect(await page.locator('[data-figure="activeLoans"]').textContent()).toBe(String(api.activeLoans));
    for (const kind of ['PORTFOLIO_TREND', 'PORTFOLIO_BREAKDOWN', 'ROLL_RATES', 'VINTAGES', 'CONCENTRATION']) {
      await page.getByTestId(`chart-${kind}`).first().locator('svg').first().waitFor();
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portfolio');
  }, 120_000);
});
