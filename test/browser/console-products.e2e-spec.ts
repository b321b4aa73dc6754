import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { accessibilityViolations, browserPerTest, listen, screenshot, signIn } from '../support/browser';
import { eventually } from '../support/eventually';
import { type TestApp, startTestApp } from '../support/test-app';

/** The lender console in a real browser (Debian's Chromium), on the real API and a fresh database. */
describe('console: products', () => {
  const browsing = browserPerTest();
  let app: TestApp;
  let server: Server;
  let url: string;
  let page: Page;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp();
    ({ slug } = await app.createTenant());
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    // The jurisdiction's cap: 60% APR, all in.
    expect((await app.gql('mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "2020-01-01", kind: FIXED, rate: "0.6" }) { id } }', {}, admin)).errors).toBeUndefined();
    for (const [email, role] of [['admin@lender.test', 'LENDER_ADMIN'], ['collector@lender.test', 'COLLECTOR']]) {
      const made = await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "Staff ${role}", roles: [${role}], password: "a long password" }) { id } }`, {}, admin);
      expect(made.errors).toBeUndefined();
    }
    ({ url, server } = await listen(app.http.app));
  }, 180_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await app?.close();
  });
  beforeEach(async () => {
    page = browsing.page;
  });

  const signInAs = (email: string) => signIn(page, url, slug, email);

  it('signs an admin in, previews a product as it is typed, explains the cap refusal, then creates it', async () => {
    await signInAs('admin@lender.test');
    await page.getByRole('heading', { name: 'Loan products' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();
    await page.getByRole('textbox', { name: /^Code/ }).fill('SOKO-4W');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Market trader loan');
    // 90% a year: the live preview refuses it as over the cap, and says why, before anything is saved.
    await page.getByLabel('Annual rate (grade A)').fill('0.9');
    const preview = page.getByTestId('preview');
    await preview.locator('[data-error-code="RATE_CAP_EXCEEDED"]').waitFor();
    expect(await preview.locator('[data-error-code="RATE_CAP_EXCEEDED"]').textContent()).toContain('rate cap');
    await screenshot(page, 'products-new-over-cap');
    // Saving it anyway: the server's refusal, explained, with the field it names.
    await page.getByRole('button', { name: 'Create product' }).click();
    const refusal = page.getByTestId('product-form').locator('[data-error-code="RATE_CAP_EXCEEDED"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('lower the rate or the fees');
    // Within the cap: the preview agrees, and the product is created.
    await page.getByLabel('Annual rate (grade A)').fill('0.24');
    await preview.getByTestId('cap-check').filter({ hasText: 'Within the rate cap' }).waitFor();
    expect(await preview.getByTestId('schedule').locator('tbody tr').count()).toBe(6);
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Product SOKO-4W created.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'products-new-created');
    // The list has it, and its page shows its version.
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'SOKO-4W' }).click();
    await page.getByRole('columnheader', { name: 'Version 1' }).waitFor();
    // Its next version: every term of version 1 to edit, the preview following the edit.
    await page.getByRole('link', { name: 'Revise' }).click();
    const terms = page.getByTestId('revise-form').getByRole('textbox', { name: 'Terms' });
    await eventually(async () => expect(await terms.inputValue()).toContain('"annualRate": "0.24"'));
    await terms.fill((await terms.inputValue()).replace('"annualRate": "0.24"', '"annualRate": "0.3"'));
    await page.getByTestId('preview').getByTestId('cap-check').filter({ hasText: 'Within the rate cap' }).waitFor();
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Version 2 saved').waitFor();
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('columnheader', { name: 'Version 2' }).waitFor();
    expect(await page.getByRole('row', { name: /Annual rate/ }).textContent()).toMatch(/24%.*30%/);
    await screenshot(page, 'products-versions');
  }, 120_000);

  it('renders the product pages in Simplified Chinese, with amounts in the tenant’s locale', async () => {
    await signInAs('admin@lender.test');
    await page.getByRole('heading', { name: 'Loan products' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '贷款产品' }).waitFor();
    await page.getByRole('link', { name: '新建产品' }).click();
    await page.getByRole('heading', { name: '还款计划预览' }).waitFor();
    await page.getByTestId('schedule').waitFor();
    expect(await page.getByTestId('schedule').locator('thead').textContent()).toContain('应还日');
    // The tenant is Kenyan (en-KE, KES): amounts are Kenyan shillings whatever the language.
    expect(await page.getByTestId('schedule').locator('tbody tr').first().textContent()).toMatch(/Ksh|KES/);
    await screenshot(page, 'products-new-zh-CN');
  }, 120_000);

  it('lets a collector read the products but not create one: what a page offers follows the permission map', async () => {
    await signInAs('collector@lender.test');
    await page.getByRole('heading', { name: 'Loan products' }).waitFor();
    await page.getByRole('link', { name: 'SOKO-4W' }).waitFor();
    expect(await page.getByRole('link', { name: 'New product' }).count()).toBe(0);
  }, 120_000);
});
