import { Dec } from '../../src/core/money';
import { cli } from '../support/cli';
import { collectionsLender } from '../support/collections';
import { ageLoan, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const todayUtc = () => new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const CANDIDATES = `query($kind: CrossSellKind!, $first: Int, $after: String, $minScore: Decimal) { crossSellCandidates(kind: $kind, first: $first, after: $after, minScore: $minScore) {
  edges { cursor node { borrowerId kind score modelVersion reasons { name value } facts { name value }
    offer { productId productCode productVersion currency amount termCount frequency grade annualRate apr cap validUntil } } }
  pageInfo { hasNextPage endCursor } } }`;
const RULE = 'mutation($input: CrossSellRuleInput!) { setCrossSellRule(input: $input) { id kind version isCurrent productCode description when amountMultiple termCount validDays } }';

/**
 * A designed history of thirteen borrowers on one product: six repaid a young loan early (four came
 * back for another, two of them for half as much again; one of the other two never agreed to
 * marketing), five repaid only after falling about 45 days behind (one came back), one has a live
 * loan on time. Eligibility, offers and the propensity model fitted on it are checked against it.
 */
describe('cross-sell: eligibility, pre-approved offers and propensity', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof collectionsLender>>['lender'];
  let analyst: string;
  const today = todayUtc();
  const onTime: string[] = [];
  const late: string[] = [];
  let live = '';
  let productCode = '';
  const gql = async (query: string, variables: Record<string, unknown> = {}, key = lender.admin) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const cob = (date: string) => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, date));
  const settle = async (loanId: string) => {
    const quote = (await gql(`{ payoffQuote(loanId: "${loanId}") { total } }`)).payoffQuote;
    await gql('mutation($i: SettleLoanInput!) { settleLoan(input: $i) { transactionId } }',
      { i: { loanId, amount: quote.total, paidAt: today, method: 'BANK_TRANSFER', idempotencyKey: `settle-${loanId}` } });
  };
  const consent = (borrowerId: string, granted: boolean) =>
    gql(`mutation { recordConsent(borrowerId: "${borrowerId}", kind: MARKETING, granted: ${granted}, textVersion: "mkt-v1") { kind granted } }`);

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    analyst = await app.apiKey(lender.slug, 'ANALYST');
    productCode = (await gql(`{ loanProduct(id: "${lender.productId}") { code } }`)).loanProduct.code;
    const first: string[] = [];
    for (let i = 0; i < 11; i++) {
      const { loanId, borrowerId } = await disbursedLoan(app, lender, { amount: '10000.00', termCount: 6 });
      await ageLoan(app, loanId, i < 6 ? 10 : 75);
      (i < 6 ? onTime : late).push(borrowerId);
      first.push(loanId);
      await consent(borrowerId, i !== 5);
    }
    const liveLoan = await disbursedLoan(app, lender, { amount: '10000.00', termCount: 6 });
    await ageLoan(app, liveLoan.loanId, 10);
    live = liveLoan.borrowerId;
    await consent(live, true);
    // The night sees the late ones about 45 days behind; then everyone but the live loan repays in full.
    await cob(today);
    for (const loanId of first) await settle(loanId);
    // Who came back: four on-time borrowers (two for 15,000) and one of the late ones.
    for (const [i, b] of [onTime[0], onTime[1], onTime[2], onTime[3], late[0]].entries()) {
      await disbursedLoan(app, lender, { amount: i < 2 ? '15000.00' : '10000.00', termCount: 6, borrowerId: b });
    }
    await cob(today);
  }, 300_000);
  afterAll(() => app.close());

  it('refuses a rule it cannot evaluate, naming the field', async () => {
    const base = { kind: 'RENEWAL', productCode, when: { fact: 'loansRepaid', op: 'gte', value: 1 } };
    const cases: [Record<string, unknown>, string][] = [
      [{ when: { fact: 'shoeSize', op: 'gt', value: 3 } }, 'input.when'],
      [{ when: { fact: 'loansRepaid', op: 'near', value: 1 } }, 'input.when.op'],
      [{ productCode: 'NO-SUCH' }, 'input.productCode'],
      [{ amountMultiple: '0' }, 'input.amountMultiple'],
      [{ validDays: 0 }, 'input.validDays'],
    ];
    for (const [change, field] of cases) {
      const res = await app.gql(RULE, { input: { ...base, ...change } }, lender.admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const none = await app.gql(CANDIDATES, { kind: 'CREDIT_LINE' }, analyst);
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    // An analyst reads candidates but does not set the rules; an underwriter does neither.
    expect((await app.gql(RULE, { input: base }, analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const underwriter = await app.apiKey(lender.slug, 'UNDERWRITER');
    expect((await app.gql(CANDIDATES, { kind: 'RENEWAL' }, underwriter)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('finds exactly the borrowers the rule describes, each with an offer priced under the cap', async () => {
    const when = { all: [{ fact: 'loansRepaid', op: 'gte', value: 1 }, { fact: 'maxDpdEver', op: 'lt', value: 30 }, { fact: 'marketingConsent', op: 'eq', value: true }, { fact: 'productsHeld', op: 'eq', value: 0 }] };
    const rule = (await gql(RULE, { input: { kind: 'RENEWAL', productCode, description: 'repaid on time, nothing live', when, termCount: 6, validDays: 21 } })).setCrossSellRule;
    expect(rule).toMatchObject({ kind: 'RENEWAL', version: 1, isCurrent: true, amountMultiple: '1', termCount: 6, validDays: 21, when });
    // The same rule again is no new version.
    expect((await gql(RULE, { input: { kind: 'RENEWAL', productCode, description: 'repaid on time, nothing live', when, termCount: 6, validDays: 21 } })).setCrossSellRule.version).toBe(1);
    const page = (await gql(CANDIDATES, { kind: 'RENEWAL' }, analyst)).crossSellCandidates;
    // onTime[4] only: the returning ones hold a loan, onTime[5] said no to marketing, the late ones fell 45 days behind.
    expect(page.edges.map((e: { node: { borrowerId: string } }) => e.node.borrowerId)).toEqual([onTime[4]]);
    const c = page.edges[0].node;
    const fact = (name: string) => c.facts.find((f: { name: string }) => f.name === name)?.value;
    expect(c).toMatchObject({ kind: 'RENEWAL', score: null, modelVersion: null });
    expect(c.reasons).toEqual([{ name: 'loansRepaid', value: '1' }, { name: 'maxDpdEver', value: '0' }, { name: 'marketingConsent', value: 'true' }, { name: 'productsHeld', value: '0' }]);
    // Its one month-end (the catch-up's) was at 0 days past due.
    expect([fact('lastPrincipal'), fact('outstandingPrincipal'), fact('onTimeRatio'), fact('openCollectionCase'), fact('monthsOnBook')]).toEqual(['10000.0000', '0.0000', '1.0000', 'false', '0']);
    expect(c.offer).toMatchObject({ productId: lender.productId, productCode, amount: '10000.00', termCount: 6, frequency: 'MONTHLY', currency: 'KES', validUntil: addDays(today, 21) });
    // No cap in this jurisdiction: the APR is stated all the same, above the nominal rate (fees and compounding).
    expect(c.offer.cap).toBeNull();
    expect(new Dec(c.offer.apr).gte(c.offer.annualRate)).toBe(true);
    expect(new Dec(c.offer.annualRate).gt(0)).toBe(true);
  });

  it('sizes a top-up from the last loan less what is still owed', async () => {
    await gql(RULE, { input: { kind: 'TOP_UP', productCode, amountMultiple: '1.5', when: { all: [{ fact: 'productsHeld', op: 'gte', value: 1 }, { fact: 'maxDpdEver', op: 'eq', value: 0 }] } } });
    const nodes = (await gql(CANDIDATES, { kind: 'TOP_UP', first: 50 }, analyst)).crossSellCandidates.edges.map((e: { node: { borrowerId: string; offer: { amount: string } } }) => e.node);
    const offers = Object.fromEntries(nodes.map((n: { borrowerId: string; offer: { amount: string } }) => [n.borrowerId, n.offer.amount]));
    // The live borrower: 1.5 x 10,000 less 10,000 owed; the returning on-time ones on their new loan; late[0] fell behind once.
    expect(offers).toEqual({ [live]: '5000.00', [onTime[0]]: '7500.00', [onTime[1]]: '7500.00', [onTime[2]]: '5000.00', [onTime[3]]: '5000.00' });
  });

  it('fits the propensity model on the history with a progress bar and its calibration, then ranks candidates by it', async () => {
    // As of four months on, so every closing today is an observation with its 90 days of outcome behind it.
    const run = await cli(app.config, 'analytics', 'fit-propensity', '--tenant', lender.slug, '--as-of', addDays(today, 120));
    expect(run.code).toBe(0);
    expect(run.err).toContain('fit RENEWAL [');
    expect(run.out).toContain('RENEWAL: model v1 on 11 observations (5 took it up)');
    expect(run.out).toContain('GRADUATION: model v1 on 11 observations (2 took it up)');
    expect(run.out).toContain('CREDIT_LINE: not fitted: 11 observations, 0 took it up');
    expect(run.out).toMatch(/decile\s+count\s+predicted\s+observed/);
    const models = (await gql(`{ propensityModels { kind version intercept sampleSize positives auc fittedAt
      coefficients { feature weight mean scale } calibration { decile count predicted observed } } }`, {}, analyst)).propensityModels;
    expect(models.map((m: { kind: string }) => m.kind)).toEqual(['GRADUATION', 'RENEWAL']);
    const renewal = models.find((m: { kind: string }) => m.kind === 'RENEWAL');
    expect(renewal).toMatchObject({ version: 1, sampleSize: 11, positives: 5 });
    const w = Object.fromEntries(renewal.coefficients.map((k: { feature: string; weight: number }) => [k.feature, k.weight]));
    // Falling behind made a borrower less likely to come back.
    expect(w.maxDpdEver).toBeLessThan(0);
    expect(renewal.auc).toBeGreaterThan(0.5);
    expect(renewal.calibration.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(11);
    const observed = renewal.calibration.reduce((n: number, b: { count: number; observed: number }) => n + b.count * b.observed, 0);
    expect(Math.round(observed)).toBe(5);

    // A broader rule: everyone who repaid a loan, best prospects first.
    await gql(RULE, { input: { kind: 'RENEWAL', productCode, when: { fact: 'loansRepaid', op: 'gte', value: 1 } } });
    const all = (await gql(CANDIDATES, { kind: 'RENEWAL', first: 100 }, analyst)).crossSellCandidates.edges.map((e: { node: { borrowerId: string; score: string; modelVersion: number; facts: { name: string; value: string }[] } }) => e.node);
    expect(all).toHaveLength(11);
    expect(all.every((n: { modelVersion: number }) => n.modelVersion === 1)).toBe(true);
    const scores = all.map((n: { score: string }) => Number(n.score));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const dpd = (n: { facts: { name: string; value: string }[] }) => Number(n.facts.find((f) => f.name === 'maxDpdEver')!.value);
    // The on-time borrowers who agreed to marketing come first (alike, so equal scores); each late one scores below them.
    expect(all.slice(0, 5).map((n: { borrowerId: string }) => n.borrowerId).sort()).toEqual(onTime.slice(0, 5).sort());
    const lateOnes = all.filter((n: { borrowerId: string }) => late.includes(n.borrowerId));
    expect(lateOnes).toHaveLength(5);
    for (const n of lateOnes) {
      expect(dpd(n)).toBeGreaterThan(30);
      expect(Number(n.score)).toBeLessThan(scores[0]);
    }

    // Pages follow the ranking; minScore cuts it.
    const p1 = (await gql(CANDIDATES, { kind: 'RENEWAL', first: 4 }, analyst)).crossSellCandidates;
    const p2 = (await gql(CANDIDATES, { kind: 'RENEWAL', first: 4, after: p1.pageInfo.endCursor }, analyst)).crossSellCandidates;
    expect([...p1.edges, ...p2.edges].map((e: { node: { borrowerId: string } }) => e.node.borrowerId)).toEqual(all.slice(0, 8).map((n: { borrowerId: string }) => n.borrowerId));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const cut = all[3].score;
    const above = (await gql(CANDIDATES, { kind: 'RENEWAL', first: 100, minScore: cut }, analyst)).crossSellCandidates.edges;
    expect(above.length).toBe(scores.filter((s: number) => s >= Number(cut)).length);
    expect((await app.gql(CANDIDATES, { kind: 'RENEWAL', minScore: '1.5' }, analyst)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minScore' });

    const versions = (await gql('{ crossSellRules(kind: RENEWAL) { version isCurrent } }', {}, analyst)).crossSellRules;
    expect(versions).toEqual([{ version: 2, isCurrent: true }, { version: 1, isCurrent: false }]);
  });

  it('offers nothing a borrower could not be lent under today’s rate cap', async () => {
    const cap = (rate: string, from: string) => gql(`mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "${from}", kind: FIXED, rate: "${rate}" }) { id } }`);
    await cap('0.01', addDays(today, -1));
    expect((await gql(CANDIDATES, { kind: 'TOP_UP', first: 50 }, analyst)).crossSellCandidates.edges).toEqual([]);
    await cap('5', today);
    const nodes = (await gql(CANDIDATES, { kind: 'TOP_UP', first: 50 }, analyst)).crossSellCandidates.edges.map((e: { node: { offer: { apr: string; cap: string } } }) => e.node);
    expect(nodes).toHaveLength(5);
    for (const n of nodes) {
      expect(n.offer.cap).toBe('5');
      expect(new Dec(n.offer.apr).lte('5')).toBe(true);
    }
  });

  describe('campaigns', () => {
    const CREATE = 'mutation($i: CampaignInput!) { createCampaign(input: $i) { id name kind channel status treatment control controlShare modelVersion templates { locale text } } }';
    const RESULTS = `query($id: ID!) { campaignResults(id: $id) { uplift appliedUplift campaign { id status }
      treatment { size reached opened applied disbursed appliedRate conversion revenue } control { size reached opened applied disbursed appliedRate conversion revenue } } }`;
    const input = (key: string, extra: Record<string, unknown> = {}) => ({
      name: 'Come back for more', kind: 'RENEWAL', channel: 'SMS', controlShare: '0.3', idempotencyKey: key,
      templates: [{ locale: 'en', text: '{{lender}}: {{currency}} {{amount}} for {{termCount}} months is ready for you until {{validUntil}}.' }],
      startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), ...extra,
    });
    let campaignId = '';
    let audience: { borrowerId: string }[] = [];

    it('refuses what it cannot run, naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ endsAt: new Date(Date.now() - 120_000).toISOString() }, 'input.endsAt'],
        [{ controlShare: '0.9' }, 'input.controlShare'],
        [{ templates: [{ locale: 'en', text: 'Your {{nationalId}} is pre-approved' }] }, 'input.templates.0.text'],
        [{ templates: [] }, 'input.templates'],
        [{ audience: { maxSize: 0 } }, 'input.audience.maxSize'],
      ];
      for (const [change, field] of cases) {
        const res = await app.gql(CREATE, { i: input('bad', change) }, lender.admin);
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect((await app.gql(CREATE, { i: input('analyst') }, analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('reaches only borrowers who agreed to marketing, holds a random control group out, and sends through the messenger', async () => {
      await gql('mutation { setCollectionConduct(input: { quietHours: null, maxContactsPerDay: 20, messageProvider: WEBHOOK }) { coolingOffDays } }');
      const candidates = (await gql(CANDIDATES, { kind: 'RENEWAL', first: 100 }, analyst)).crossSellCandidates.edges.map((e: { node: { borrowerId: string; facts: { name: string; value: string }[] } }) => e.node);
      audience = candidates.filter((n: { facts: { name: string; value: string }[] }) => n.facts.find((f) => f.name === 'marketingConsent')!.value === 'true'
        && n.facts.find((f) => f.name === 'openCollectionCase')!.value === 'false');
      expect(audience.map((n) => n.borrowerId)).not.toContain(onTime[5]);
      const created = (await gql(CREATE, { i: input('campaign-1') })).createCampaign;
      campaignId = created.id;
      const control = Math.round(audience.length * 0.3);
      expect(created).toMatchObject({ kind: 'RENEWAL', channel: 'SMS', status: 'RUNNING', controlShare: '0.3', modelVersion: 1, treatment: audience.length - control, control });
      // The same key again: the same campaign, nobody reached twice.
      expect((await gql(CREATE, { i: input('campaign-1') })).createCampaign.id).toBe(campaignId);
      const r = (await gql(RESULTS, { id: campaignId }, analyst)).campaignResults;
      expect(r.treatment).toMatchObject({ size: audience.length - control, reached: audience.length - control, opened: 0, applied: 0, disbursed: 0 });
      expect(r.control).toMatchObject({ size: control, reached: 0, opened: 0 });
      // Each reached borrower's offer went to the lender's gateway as an event, its message filled from the offer.
      const events = (await gql('{ events(first: 100, filter: { types: ["campaign.*"] }) { nodes { type subjectId data } } }')).events.nodes;
      expect(events).toHaveLength(audience.length - control);
      expect(events[0]).toMatchObject({ type: 'campaign.offer_requested', subjectId: campaignId });
      // The rule of the fit above names no term: the product’s shortest (3 months).
      expect(events[0].data.text).toMatch(new RegExp(`^Lender ${lender.slug}: KES \\d+\\.\\d{2} for 3 months is ready for you until \\d{4}-\\d{2}-\\d{2}\\.$`));
      expect(audience.map((n) => n.borrowerId)).toEqual(expect.arrayContaining(events.map((e: { data: { borrowerId: string } }) => e.data.borrowerId)));
      expect((await gql('{ campaigns { id treatment control } }', {}, analyst)).campaigns).toEqual([{ id: campaignId, treatment: audience.length - control, control }]);
    });

    it('counts opens, applications and disbursements of each group, and the uplift', async () => {
      const events = (await gql('{ events(first: 100, filter: { types: ["campaign.*"] }) { nodes { data } } }')).events.nodes;
      const reached = events.map((e: { data: { borrowerId: string } }) => e.data.borrowerId);
      const held = audience.map((n) => n.borrowerId).filter((b) => !reached.includes(b));
      const opened = await gql(`mutation { recordCampaignOpened(campaignId: "${campaignId}", borrowerId: "${reached[0]}") { borrowerId openedAt } }`);
      expect(opened.recordCampaignOpened.borrowerId).toBe(reached[0]);
      // A control member was never sent the offer: nothing to open.
      const none = await app.gql(`mutation { recordCampaignOpened(campaignId: "${campaignId}", borrowerId: "${held[0]}") { openedAt } }`, {}, lender.admin);
      expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      // One reached borrower takes the offer up.
      await disbursedLoan(app, lender, { amount: '10000.00', termCount: 6, borrowerId: reached[0] });
      const r = (await gql(RESULTS, { id: campaignId }, analyst)).campaignResults;
      const t = r.treatment.size;
      expect(r.treatment).toMatchObject({ opened: 1, applied: 1, disbursed: 1, conversion: new Dec(1).div(t).toFixed(4), revenue: '0.00' });
      expect(r.control).toMatchObject({ applied: 0, disbursed: 0, conversion: '0.0000' });
      expect(r.uplift).toBe(new Dec(1).div(t).toDecimalPlaces(4).toFixed(4));
      expect(r.appliedUplift).toBe(r.uplift);
    });
  });
});
