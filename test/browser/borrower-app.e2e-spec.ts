import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { createBackend } from '../../examples/borrower-app/server/backend';
import { BORROWER_APP_DIST, accessibilityViolations, launch, screenshot } from '../support/browser';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { LOAN, ageLoan, autoLender } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const WEBHOOK_SECRET = 'whsec_borrowerAppSigningSecret0123';

/**
 * Stripe.js as the test's double (the browser has no network): the Payment Element mounts a card
 * field, confirmPayment resolves as Stripe's does for a card that needs no redirect. What happens at
 * Stripe afterwards is the fake Stripe's and its signed webhook's, as in production.
 */
const STRIPE_JS = `window.Stripe = function (key) { return {
  elements: function (o) { window.__stripe = { key: key, clientSecret: o.clientSecret, confirmed: false };
    return { create: function () { return { mount: function (el) { el.textContent = 'Card number 4242 4242 4242 4242'; } }; } }; },
  confirmPayment: function () { window.__stripe.confirmed = true; return Promise.resolve({ paymentIntent: { status: 'processing' } }); } }; };`;

/** The reference borrower app on a phone-sized Chromium: sign up, apply, read the offer, accept, sign, get paid out, pay, see it live. */
describe('borrower app (examples/borrower-app)', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let api: Server;
  let appServer: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const sdk = new Stripe('sk_test_unused_for_signing_only');

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    const creds = await app.gql('mutation($i: SetStripeCredentialsInput!) { setStripeCredentials(input: $i) { provider } }', { i: { secretKey: 'sk_test_51BorrowerAppTenantKeyAbcdefgh', webhookSigningSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_51BorrowerApp', paymentMethodTypes: ['card'] } }, lender.admin);
    expect(creds.errors).toBeUndefined();
    api = await new Promise<Server>((resolve) => { const s = app.http.app.listen(0, '127.0.0.1', () => resolve(s)); });
    app.http.attachSubscriptions(api);
    const backend = createBackend({
      apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, appKey: await app.apiKey(lender.slug, 'APP'), sessionSecret: 'a test session secret of enough length',
      brand: { name: 'Pesa Loans', colour: '#0b6e4f', locale: 'en-KE' }, stripePublishableKey: 'pk_test_51BorrowerApp', staticDir: BORROWER_APP_DIST,
    });
    appServer = await new Promise<Server>((resolve) => { const s = backend.listen(0, '127.0.0.1', () => resolve(s)); });
    backend.attach(appServer);
    url = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
    browser = await launch();
    page = await (await browser.newContext({ locale: 'en-KE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.route('https://js.stripe.com/v3/**', (route) => route.fulfill({ contentType: 'application/javascript', body: STRIPE_JS }));
  }, 180_000);
  afterAll(async () => {
    if (problems.length) process.stderr.write(`${problems.join('\n')}\n`);
    await browser?.close();
    await new Promise((r) => appServer?.close(r));
    await app?.http.stop().catch(() => undefined);
    await new Promise((r) => api?.close(r));
    await app?.close();
    await fake?.close();
  });

  afterEach(async () => {
    await screenshot(page, `last-borrower-app-${expect.getState().currentTestName?.replace(/\W+/g, '-').slice(0, 40)}`);
  });

  let applicationId: string;
  let loanId: string;

  it('signs a person up, takes the application and shows the offer with its full disclosure', async () => {
    const person = borrowerInput({ fullName: 'Akinyi Otieno' });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Open your account' }).waitFor();
    for (const [label, value] of [['Full name', person.fullName], ['Mobile number', person.phone], ['National ID number', person.nationalId], ['Region', person.region], ['What you do (trade)', person.industry], ['Monthly income', person.monthlyIncome], ['Monthly repayments on other loans', person.monthlyObligations]] as const) {
      await page.getByLabel(label).fill(String(value));
    }
    await page.getByLabel('Date of birth').fill(String(person.dateOfBirth));
    await page.getByLabel('I agree to a credit bureau check').check();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'borrower-app-sign-up');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByLabel(/^Amount/).fill('12000');
    await page.getByLabel(/^Number of instalments/).fill('6');
    await page.getByTestId('estimate').waitFor();
    await screenshot(page, 'borrower-app-apply');
    await page.getByRole('button', { name: 'Apply' }).click();
    const offer = page.getByTestId('offer');
    await offer.waitFor();
    // The disclosure is the API's offer, figure for figure.
    const apps = (await app.gql('{ applications(first: 5) { nodes { id status borrowerId offer { apr schedule { number } } } } }', {}, lender.admin)).data!.applications.nodes;
    const mine = apps.find((a: { status: string }) => a.status === 'OFFERED');
    applicationId = mine.id;
    expect(await offer.getByTestId('offer-schedule').locator('tbody tr').count()).toBe(mine.offer.schedule.length);
    const shownApr = Number((await offer.getByTestId('apr').textContent())!.replace(/[^\d.]/g, '')) / 100;
    expect(Math.abs(shownApr - Number(mine.offer.apr))).toBeLessThan(0.0001);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'borrower-app-offer');
  }, 120_000);

  it('accepts and signs; the payout shows up live; a card payment posts and the loan updates live', async () => {
    await page.getByRole('button', { name: 'Accept this offer' }).click();
    await page.getByTestId('contract').waitFor();
    await page.getByLabel('Type your full name to sign').fill('Akinyi Otieno');
    await page.getByRole('button', { name: 'Sign' }).click();
    await page.getByTestId('waiting').waitFor();
    const signed = (await app.gql(`{ application(id: "${applicationId}") { status signature { signerName } } }`, {}, lender.admin)).data!.application;
    expect(signed).toEqual({ status: 'CONTRACT_SIGNED', signature: { signerName: 'Akinyi Otieno' } });
    // The lender pays out (its back office): the borrower's page changes by itself (the subscription).
    const paid = await app.gql(`mutation { disburseLoan(applicationId: "${applicationId}", idempotencyKey: "payout-${applicationId}") { id } }`, {}, lender.admin);
    loanId = paid.data!.disburseLoan.id;
    await page.getByTestId('loan').waitFor({ timeout: 20_000 });
    // Five weeks on, the first instalment is late: the app suggests what it still needs.
    await ageLoan(app, loanId, 35);
    await page.reload();
    const firstRow = page.getByTestId('loan-schedule').locator('tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.getAttribute('data-status')).toBe('OVERDUE');
    const due = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan.schedule[0].unpaid as string;
    expect(await page.getByTestId('pay').getByLabel(/^Amount/).inputValue()).toBe(due);
    await screenshot(page, 'borrower-app-loan');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('payment-element').getByText('Card number').waitFor();
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByTestId('processing').waitFor();
    // Stripe takes the money and tells the lender, signed.
    const stripe = await page.evaluate(() => (globalThis as unknown as { __stripe: { clientSecret: string; key: string; confirmed: boolean } }).__stripe);
    expect(stripe).toMatchObject({ key: 'pk_test_51BorrowerApp', confirmed: true });
    const pi = stripe.clientSecret.split('_secret_')[0];
    const event = fake.event('payment_intent.succeeded', fake.succeed(pi));
    const payload = JSON.stringify(event);
    const delivered = await fetch(`http://127.0.0.1:${(api.address() as AddressInfo).port}/webhooks/stripe/${lender.slug}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) }, body: payload,
    });
    expect(delivered.status).toBe(200);
    await page.getByTestId('payment-received').waitFor({ timeout: 20_000 });
    await page.getByTestId('loan-schedule').locator('tbody tr').first().and(page.locator('[data-status="PAID"]')).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'borrower-app-paid');
    const loan = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan;
    expect(loan.schedule[0].status).toBe('PAID');
    expect(loan.transactions.nodes.filter((t: { kind: string }) => t.kind === 'REPAYMENT')).toEqual([expect.objectContaining({ amount: due, status: 'POSTED' })]);
  }, 120_000);
});
