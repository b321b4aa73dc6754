import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { accessibilityViolations, browserPerTest, listen, screenshot, signIn } from '../support/browser';
import { autoLender } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * The lender admin's pages in a real browser on the real API (a job worker running): a rule set
 * drafted, simulated over past applications and activated; the agent network as a tree; an API key
 * whose secret is shown once, then revoked; the audit chain verified in the background with progress.
 */
describe('console: decision setup, agents, settings', () => {
  const browsing = browserPerTest();
  let app: TestApp;
  let server: Server;
  let url: string;
  let page: Page;
  let lender: Awaited<ReturnType<typeof autoLender>>;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    lender = await autoLender(app);
    const ok = async (query: string, vars: Record<string, unknown> = {}) => {
      const res = await app.gql(query, vars, lender.admin);
      if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return res.data!;
    };
    await ok('mutation { createStaffUser(input: { email: "admin@lender.test", fullName: "Admin Staff", roles: [LENDER_ADMIN], password: "a long password" }) { id } }');
    for (const amount of ['10000.00', '20000.00', '30000.00', '40000.00']) {
      expect((await ok(SUBMIT, { input: { productId: lender.productId, amount, termCount: 12, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication.status).toBe('OFFERED');
    }
    const network = (await ok('mutation { createAgent(input: { code: "RIFT", kind: NETWORK, name: "Rift Valley Network", region: "Nakuru" }) { id } }')).createAgent.id;
    const branch = (await ok(`mutation { createAgent(input: { kind: BRANCH, name: "Nakuru Town", parentId: "${network}" }) { id } }`)).createAgent.id;
    await ok(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Kiprop", parentId: "${branch}" }) { id } }`);
    ({ url, server } = await listen(app.http.app));
  }, 180_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await app?.close();
  });
  beforeEach(async () => {
    page = browsing.page;
    await signIn(page, url, lender.slug, 'admin@lender.test');
  });

  it('drafts a rule set, sees the past applications replayed under it, then activates it', async () => {
    await page.getByRole('link', { name: 'Decision setup' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('tighter');
    const definition = { rules: [{ id: 'max-amount', description: 'No loan above 25,000 without review', when: { fact: 'amount', op: 'gt', value: '25000' }, outcome: 'REFER', reasonCode: 'LARGE_AMOUNT' }] };
    await page.getByRole('textbox', { name: 'Definition (JSON)' }).fill(JSON.stringify(definition));
    await page.getByRole('button', { name: 'Save draft and simulate' }).click();
    const simulation = page.getByTestId('simulation');
    await simulation.getByText('4 decided applications replayed.').waitFor();
    // Under the active rules all four were approved; under the draft the two above 25,000 are referred.
    expect(await simulation.getByRole('table', { name: 'Under the active versions' }).getByRole('row', { name: /^approved/ }).textContent()).toContain('4');
    expect(await simulation.getByRole('table', { name: 'Under this draft' }).getByRole('row', { name: /^approved/ }).textContent()).toContain('2');
    expect(await simulation.getByRole('table', { name: 'Under this draft' }).getByRole('row', { name: /^referred/ }).textContent()).toContain('2');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'decisions-simulated');
    await page.getByTestId('versions-RULES').getByRole('button', { name: 'Activate' }).click();
    await page.getByTestId('versions-RULES').getByText('ACTIVE').waitFor();
    const live = await app.gql(SUBMIT, { input: { productId: lender.productId, amount: '35000.00', termCount: 12, frequency: 'MONTHLY', borrower: borrowerInput() } }, lender.admin);
    expect(live.data!.submitApplication.status).toBe('REFERRED');
  }, 120_000);

  it('shows the agent network as a tree', async () => {
    await page.getByRole('link', { name: 'Agents' }).click();
    const tree = page.getByTestId('agent-network');
    await tree.getByText('Rift Valley Network').waitFor();
    // Kiprop sits in Nakuru Town's list, which sits in the network's.
    const branch = tree.getByRole('listitem').filter({ hasText: 'Nakuru Town' }).last();
    expect(await branch.getByRole('listitem').filter({ hasText: 'Kiprop' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'agents-network');
  }, 120_000);

  it('creates an API key whose secret is shown once and works, then revokes it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Web front-end');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('secret').textContent())!;
    expect((await app.gql('{ viewer { roles } }', {}, secret)).data!.viewer.roles).toEqual(['APP']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'settings-api-key-once');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('secret').count()).toBe(0);
    const row = page.getByTestId('api-keys').getByRole('row').filter({ hasText: 'Web front-end' });
    expect(await row.textContent()).not.toContain(secret);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    expect((await app.gql('{ viewer { roles } }', {}, secret)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  }, 120_000);

  it('verifies the audit chain in the background and shows the result', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByTestId('audit-log').getByText('agent.created').first().waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const result = page.getByTestId('audit-verification');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toMatch(/The chain is intact: \d+ entries checked/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'settings-audit-verified');
  }, 120_000);
});
