import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, cliProcess, succeeded } from '../support/cli';
import { TEST_APP_PASSWORD } from '../support/global-setup';
import { type TestApp, startTestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');

describe('tenants as code and the CLI', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('applies the sample tenants, then changes nothing when applied again', async () => {
    const first = succeeded(await cli(app.config, 'tenants', 'apply', path.join(ROOT, 'tenants')));
    expect(first.out).toMatch(/created\s+huinong-xiaodai/);
    expect(first.out).toMatch(/created\s+jamii-credit/);
    const audit = await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries');
    const second = succeeded(await cli(app.config, 'tenants', 'apply', path.join(ROOT, 'tenants')));
    expect(second.out).toMatch(/unchanged\s+huinong-xiaodai/);
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries')).toEqual(audit);
    const [cn] = await app.ownerQuery("SELECT base_currency, timezone, rounding_mode FROM tenants WHERE slug = 'huinong-xiaodai'");
    expect(cn).toEqual({ base_currency: 'CNY', timezone: 'Asia/Shanghai', rounding_mode: 'HALF_EVEN' });
  });

  it('gives the sample lenders their products and caps: a harvest balloon, a credit line, a salaried instalment loan', async () => {
    const products = await app.ownerQuery(
      `SELECT t.slug, p.code, p.revolving, v.terms->>'amortization' AS amortization, v.max_apr
       FROM loan_products p JOIN tenants t ON t.id = p.tenant_id JOIN loan_product_versions v ON v.tenant_id = p.tenant_id AND v.product_id = p.id
       ORDER BY t.slug, p.code`);
    expect(products.map((p) => `${p.slug}/${p.code}/${p.amortization}${p.revolving ? '/revolving' : ''}`)).toEqual([
      'huinong-xiaodai/AGRI-SEASONAL/INTEREST_ONLY',
      'huinong-xiaodai/BIZ-REVOLVING/INTEREST_ONLY/revolving',
      'huinong-xiaodai/SALARY-INSTALMENT/EQUAL_INSTALLMENT',
      'jamii-credit/MAVUNO-HARVEST/INTEREST_ONLY',
      'jamii-credit/MSHAHARA-SALARY/EQUAL_INSTALLMENT',
      'jamii-credit/SOKO-WEEKLY/FLAT',
    ]);
    // Every sample product is under its lender's cap at its worst corner: 12% (4 x LPR) in China, 48% at Jamii.
    for (const p of products) expect(Number(p.max_apr)).toBeLessThanOrEqual(p.slug === 'huinong-xiaodai' ? 0.12 : 0.48);
    const caps = await app.ownerQuery('SELECT kind, reference_name, multiple::text, apr_convention FROM rate_cap_rules r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1', ['huinong-xiaodai']);
    expect(caps).toEqual([{ kind: 'MULTIPLE_OF_REFERENCE', reference_name: 'CN_LPR_1Y', multiple: '4.0000', apr_convention: 'NOMINAL_IRR' }]);
  });

  it('gives the sample lenders their decision policies: rules, approval tiers, concentration limits', async () => {
    const rules = await app.ownerQuery("SELECT c.name, c.version, c.status FROM decision_configs c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'huinong-xiaodai' AND c.kind = 'RULES'");
    expect(rules).toEqual([{ name: '惠农准入规则 v1', version: 1, status: 'ACTIVE' }]);
    const policies = await app.ownerQuery("SELECT t.slug, p.kind, jsonb_array_length(CASE WHEN jsonb_typeof(p.definition) = 'array' THEN p.definition ELSE '[]' END) AS n FROM tenant_policies p JOIN tenants t ON t.id = p.tenant_id ORDER BY 1, 2");
    expect(policies.filter((p) => p.kind === 'APPROVAL_TIERS').map((p) => [p.slug, p.n])).toEqual([['huinong-xiaodai', 3], ['jamii-credit', 3]]);
    expect(policies.filter((p) => p.kind === 'RISK_APPETITE').map((p) => [p.slug, p.n])).toEqual([['huinong-xiaodai', 3], ['jamii-credit', 3]]);
  });

  it('gives the sample lenders their collection policies and conduct rules (China: no calls 21:00-08:00, at most 3 calls a day)', async () => {
    const cn = await app.apiKey('huinong-xiaodai', 'LENDER_ADMIN');
    const policies = await app.gql('{ collectionPolicies(currentOnly: true) { code productCodes stages { name minDpd maxDpd actions { channel } } } }', {}, cn);
    expect(policies.errors).toBeUndefined();
    expect(policies.data!.collectionPolicies.map((p: { code: string; stages: unknown[] }) => [p.code, p.stages.length])).toEqual([['AGRI', 3], ['STANDARD', 5]]);
    const conduct = (await app.gql('{ collectionConduct { quietHours { start end } perChannel { channel perDay } messageProvider } }', {}, cn)).data!.collectionConduct;
    expect(conduct.quietHours).toEqual({ start: '21:00', end: '08:00' });
    expect(conduct.perChannel).toContainEqual({ channel: 'CALL', perDay: 3 });
    const ke = await app.apiKey('jamii-credit', 'LENDER_ADMIN');
    const keConduct = (await app.gql('{ collectionConduct { quietHours { start end } messageProvider } }', {}, ke)).data!.collectionConduct;
    expect(keConduct).toEqual({ quietHours: { start: '20:00', end: '07:00' }, messageProvider: 'WEBHOOK' });
  });

  it('gives the sample lenders their agent networks and the agencies their late stages place cases with', async () => {
    const ke = await app.apiKey('jamii-credit', 'LENDER_ADMIN');
    const agents = (await app.gql('{ agents(first: 20) { nodes { code kind name parentId region } } }', {}, ke)).data!.agents.nodes as { code: string; kind: string; parentId: string | null }[];
    expect(agents.map((a) => `${a.code}/${a.kind}`).sort()).toEqual(['ELDORET/BRANCH', 'HAKI/COLLECTION_AGENCY', 'JAMII-NET/NETWORK', 'NAKURU/BRANCH']);
    const network = (await app.gql('{ agents(kind: NETWORK) { nodes { id children { code } } } }', {}, ke)).data!.agents.nodes[0];
    expect(network.children.map((c: { code: string }) => c.code).sort()).toEqual(['ELDORET', 'NAKURU']);
    const policies = (await app.gql('{ collectionPolicies(currentOnly: true) { code stages { name actions { channel agencyCode placementDays commissionRate } } } }', {}, ke)).data!.collectionPolicies;
    const placements = policies.flatMap((p: any) => p.stages.flatMap((st: any) => st.actions.filter((a: any) => a.channel === 'AGENCY_PLACEMENT').map((a: any) => [p.code, st.name, a.agencyCode, a.placementDays, a.commissionRate])));
    expect(placements).toEqual([['STANDARD', 'RECOVERY', 'HAKI', 120, '0.12'], ['WEEKLY', 'RECOVERY', 'HAKI', 90, '0.15']]);
    const cn = await app.apiKey('huinong-xiaodai', 'LENDER_ADMIN');
    expect((await app.gql('{ agents(kind: COLLECTION_AGENCY) { nodes { code name } } }', {}, cn)).data!.agents.nodes).toEqual([{ code: 'HUAXIN', name: '华信资产管理有限公司' }]);
  });

  it('gives the sample lenders their commission plans (Kenya: 1.5% of principal, 2% above 50 loans a month, clawed back on a first-payment default within 60 days)', async () => {
    const ke = await app.apiKey('jamii-credit', 'LENDER_ADMIN');
    const [plan] = (await app.gql('{ commissionPlans(currentOnly: true) { code agentKinds rules { trigger basis rate amount tierBy tiers { above rate } } clawback { dpd withinDays writeOffWithinDays } holdback { share releaseAfterDays } networkOverride { share } } }', {}, ke)).data!.commissionPlans;
    expect(plan).toEqual({
      code: 'AGENT-REFERRALS', agentKinds: ['INDIVIDUAL', 'BRANCH'],
      rules: [
        { trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015', amount: null, tierBy: 'COUNT', tiers: [{ above: '50', rate: '0.02' }] },
        { trigger: 'FIRST_REPAYMENT', basis: 'FLAT', rate: null, amount: '50', tierBy: null, tiers: [] },
      ],
      clawback: { dpd: 30, withinDays: 60, writeOffWithinDays: 180 }, holdback: { share: '0.2', releaseAfterDays: 60 }, networkOverride: { share: '0.1' },
    });
    expect((await app.gql('{ attributionRules { model windowDays returningCustomer } }', {}, ke)).data!.attributionRules).toEqual({ model: 'FIRST_TOUCH', windowDays: 60, returningCustomer: 'NO_CREDIT' });
    const cn = await app.apiKey('huinong-xiaodai', 'LENDER_ADMIN');
    expect((await app.gql('{ commissionPlans(currentOnly: true) { code rules { trigger basis } } }', {}, cn)).data!.commissionPlans).toEqual([
      { code: 'XIANYU', rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL' }, { trigger: 'LOAN_CLOSED', basis: 'INTEREST_COLLECTED' }] }]);
  });

  it('gives the sample lenders their financial assumptions, and names a bad one’s field and line', async () => {
    const ke = await app.apiKey('jamii-credit', 'ANALYST');
    expect((await app.gql('{ financialAssumptions { period costOfFundsRate operatingCostPerLoan } }', {}, ke)).data!.financialAssumptions)
      .toEqual([{ period: '2026-01', costOfFundsRate: '0.12', operatingCostPerLoan: '350.0000' }]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-assumptions-'));
    const source = require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), 'utf8') as string;
    const bad = source.replace('costOfFundsRate: "0.12"', 'costOfFundsRate: "12%"');
    expect(bad).not.toBe(source);
    writeFileSync(path.join(dir, 'jamii-credit.yaml'), bad);
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`jamii-credit.yaml:${bad.split('\n').findIndex((l) => l.includes('"12%"')) + 1}:`);
    expect(res.err).toContain('an annual rate from 0 to 1');
  });

  it('points at the line of a placement with an agency the file does not define', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-agency-'));
    const source = require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), 'utf8') as string;
    const bad = source.replace('agencyCode: HAKI, placementDays: 90', 'agencyCode: NOBODY, placementDays: 90');
    expect(bad).not.toBe(source);
    writeFileSync(path.join(dir, 'jamii-credit.yaml'), bad);
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    const line = bad.split('\n').findIndex((l) => l.includes('agencyCode: NOBODY')) + 1;
    expect(res.err).toContain(`jamii-credit.yaml:${line}:`);
    expect(res.err).toContain('no agent with code NOBODY');
  });

  it('points at the line of a collection stage that overlaps the one before it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-coll-'));
    const source = require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), 'utf8') as string;
    const bad = source.replace('        minDpd: 4\n', '        minDpd: 3\n');
    expect(bad).not.toBe(source);
    writeFileSync(path.join(dir, 'jamii-credit.yaml'), bad);
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain('collections.0.stages.1.minDpd');
    expect(res.err).toContain('overlaps stage REMINDER (1-3)');
  });

  it('revises a product whose terms changed in the file, keeping the old version', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-rev-'));
    const file = path.join(dir, 'jamii-credit.yaml');
    writeFileSync(file, require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), 'utf8').replace('{ grade: C, annualRate: "0.21" }', '{ grade: C, annualRate: "0.22" }'));
    const res = succeeded(await cli(app.config, 'tenants', 'apply', dir));
    expect(res.out).toMatch(/updated\s+jamii-credit .*products 0 created, 1 updated, 2 unchanged/);
    const versions = await app.ownerQuery(`SELECT v.version, v.terms->'rateBands'->2->>'annualRate' AS c FROM loan_product_versions v JOIN loan_products p ON p.id = v.product_id WHERE p.code = 'MAVUNO-HARVEST' ORDER BY 1`);
    expect(versions).toEqual([{ version: 1, c: '0.21' }, { version: 2, c: '0.22' }]);
  });

  it('points at the line of a bad product and of a product that breaches the cap, writing nothing of that file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-prod-'));
    const source = require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'huinong-xiaodai.yaml'), 'utf8') as string;
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const badDecimals = source.replace('amountMin: "5000"', 'amountMin: "5000.001"');
    writeFileSync(path.join(dir, 'huinong-xiaodai.yaml'), badDecimals);
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`huinong-xiaodai.yaml:${lineOf(badDecimals, 'amountMin: "5000.001"')}:`);
    expect(res.err).toContain('products.0.terms.amountMin');

    const tooDear = source.replace('{ grade: E, annualRate: "0.1050" }', '{ grade: E, annualRate: "0.1250" }');
    writeFileSync(path.join(dir, 'huinong-xiaodai.yaml'), tooDear);
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM loan_product_versions');
    const breach = await cli(app.config, 'tenants', 'apply', dir);
    expect(breach.code).toBe(2);
    expect(breach.err).toMatch(new RegExp(`huinong-xiaodai\\.yaml:${lineOf(tooDear, 'code: AGRI-SEASONAL')}:\\d+: products\\.0: RATE_CAP_EXCEEDED: All-in APR 1\\d\\.\\d{4}% exceeds the cap of 12\\.0000%`));
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM loan_product_versions')).toEqual(before);
  });

  it('updates a tenant whose file changed, and records the change in its audit chain', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-'));
    cpSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), path.join(dir, 'jamii-credit.yaml'));
    succeeded(await cli(app.config, 'tenants', 'apply', dir));
    const file = path.join(dir, 'jamii-credit.yaml');
    writeFileSync(file, require('node:fs').readFileSync(file, 'utf8').replace('mode: HALF_UP', 'mode: HALF_EVEN'));
    const res = succeeded(await cli(app.config, 'tenants', 'apply', dir));
    expect(res.out).toMatch(/updated\s+jamii-credit/);
    const [entry] = await app.ownerQuery("SELECT before, after FROM audit_entries e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = 'jamii-credit' ORDER BY seq DESC LIMIT 1");
    expect(entry.before.rounding.mode).toBe('HALF_UP');
    expect(entry.after.rounding.mode).toBe('HALF_EVEN');
  });

  it('refuses invalid files with file, line and path, and writes nothing from any file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-bad-'));
    writeFileSync(path.join(dir, 'good-lender.yaml'), [
      'apiVersion: microlend/v1', 'tenant:', '  slug: good-lender', '  name: Good', '  legalName: Good Ltd', '  country: PH', '  jurisdiction: PH',
      '  baseCurrency: PHP', '  timezone: Asia/Manila', '  locale: en-PH', '  rounding:', '    decimals: 2', '    mode: HALF_UP', ''].join('\n'));
    writeFileSync(path.join(dir, 'bad-lender.yaml'), [
      'apiVersion: microlend/v1', 'tenant:', '  slug: bad-lender', '  name: Bad', '  legalName: Bad Ltd', '  country: Kenya', '  jurisdiction: KE',
      '  baseCurrency: KES', '  timezone: Africa/Nairobi', '  locale: en-KE', '  rounding:', '    decimals: 9', '    mode: SIDEWAYS', '  colour: blue', ''].join('\n'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: microlend/v1\ntenant: [unclosed\n');
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`${path.join(dir, 'bad-lender.yaml')}:6:12: tenant.country:`);
    expect(res.err).toMatch(/bad-lender\.yaml:12:\d+: tenant\.rounding\.decimals:/);
    expect(res.err).toMatch(/bad-lender\.yaml:13:\d+: tenant\.rounding\.mode:/);
    expect(res.err).toMatch(/bad-lender\.yaml:\d+:\d+: tenant: .*colour/);
    expect(res.err).toMatch(/broken\.yaml:\d+:\d+:/);
    expect(await app.ownerQuery("SELECT slug FROM tenants WHERE slug = 'good-lender'")).toEqual([]);
  });

  it('refuses a file whose slug is not its name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tenants-slug-'));
    writeFileSync(path.join(dir, 'alpha.yaml'), require('node:fs').readFileSync(path.join(ROOT, 'tenants', 'jamii-credit.yaml'), 'utf8'));
    const res = await cli(app.config, 'tenants', 'apply', dir);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/alpha\.yaml:\d+:\d+: tenant\.slug: must match the file name \(alpha\)/);
  });

  it('`npx microlend apikey create` prints only the key, which then works', async () => {
    const run = succeeded(await cliProcess(['apikey', 'create', '--tenant', 'huinong-xiaodai', '--role', 'UNDERWRITER', '--name', 'ci'], {
      ...process.env, NODE_ENV: 'test', DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_APP_PASSWORD,
    }));
    expect(run.out).toMatch(/^ml_huinong-xiaodai_[a-z0-9]{8}_[A-Za-z0-9_-]{43}\n$/);
    const res = await app.gql('{ viewer { tenant { slug } roles } }', {}, run.out.trim());
    expect(res.data!.viewer).toEqual({ tenant: { slug: 'huinong-xiaodai' }, roles: ['UNDERWRITER'] });
  }, 180_000);

  // Every command boots as the schema owner and makes sure the app role exists with its password;
  // parallel spec files (and an API booting beside a CLI) do that at the same instant, which made
  // PostgreSQL answer "tuple concurrently updated" and the command print nothing on stdout.
  it('runs several commands at once, each booting against the same cluster', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => cli(app.config, 'apikey', 'create', '--tenant', 'jamii-credit', '--role', 'ANALYST', '--name', `parallel-${i}`)));
    for (const run of runs) expect(succeeded(run).out).toMatch(/^ml_jamii-credit_/);
  });

  it('refuses an unknown tenant and a bad role with exit code 2', async () => {
    expect((await cli(app.config, 'apikey', 'create', '--tenant', 'nobody', '--role', 'ANALYST')).code).toBe(2);
    const badRole = await cli(app.config, 'apikey', 'create', '--tenant', 'huinong-xiaodai', '--role', 'BORROWER');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/Allowed choices/);
  });
});
