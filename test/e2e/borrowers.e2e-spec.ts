import { BACKFILL_FRONT_ENDS } from '../../migrations/1766620000000-borrower-front-end';
import { borrowerInput, lenderWithProduct } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const CREATE = 'mutation($i: BorrowerInput!) { createBorrower(input: $i) { id nationalId phone bankAccount fullName } }';
const READ = (id: string) => `{ borrower(id: "${id}") { id fullName nationalId phone bankAccount pseudonymised consents { kind granted textVersion } } }`;

describe('borrowers and their personal data', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;
  let analyst: string;
  let collector: string;

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    analyst = await app.apiKey(lender.slug, 'ANALYST');
    collector = await app.apiKey(lender.slug, 'COLLECTOR');
  });
  afterAll(() => app.close());

  it('stores national ID, phone and bank account encrypted, never in clear', async () => {
    const input = borrowerInput({ nationalId: '110101199003071234', phone: '+86 138 0013 8000', bankAccount: '6222020200112233' });
    const created = (await app.gql(CREATE, { i: input }, lender.admin)).data!.createBorrower;
    expect(created).toMatchObject({ nationalId: '110101199003071234', phone: '+86 138 0013 8000', bankAccount: '6222020200112233' });
    const [row] = await app.ownerQuery('SELECT * FROM borrowers WHERE id = $1', [created.id]);
    const dump = JSON.stringify(row);
    for (const secret of ['110101199003071234', '13800138000', '138 0013', '6222020200112233']) expect(dump).not.toContain(secret);
    expect(row.national_id_enc).toMatch(/^v1:/);
    const [key] = await app.ownerQuery('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [lender.tenantId]);
    expect(key.wrapped_key).toMatch(/^v1:/);
  });

  it('masks personal fields for roles that do not need them', async () => {
    const created = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'A12345678X', phone: '+254 711 222333', bankAccount: '01109876543' }) }, lender.admin)).data!.createBorrower;
    const asAnalyst = (await app.gql(READ(created.id), {}, analyst)).data!.borrower;
    expect(asAnalyst).toMatchObject({ nationalId: '******678X', phone: '******2333', bankAccount: '**********' });
    const asCollector = (await app.gql(READ(created.id), {}, collector)).data!.borrower;
    expect(asCollector).toMatchObject({ nationalId: '******678X', phone: '+254 711 222333' });
  });

  it('finds a borrower by national ID through the blind index, whatever the spacing or case', async () => {
    const created = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'ke 5566 7788 x' }) }, lender.admin)).data!.createBorrower;
    const found = await app.gql('{ borrowers(nationalId: "KE55667788X") { nodes { id } } }', {}, analyst);
    expect(found.data!.borrowers.nodes.map((n: any) => n.id)).toEqual([created.id]);
    const dup = await app.gql(CREATE, { i: borrowerInput({ nationalId: 'KE-5566-7788-X' }) }, lender.admin);
    expect(dup.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.nationalId', borrowerId: created.id });
  });

  it('records consents with the version of the text, and exports everything for a data-subject request', async () => {
    const created = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'EXPORT0001' }) }, lender.admin)).data!.createBorrower;
    await app.gql(`mutation { recordConsent(borrowerId: "${created.id}", kind: MARKETING, granted: true, textVersion: "mkt-v3") { kind } }`, {}, lender.admin);
    const consents = await app.gql(`mutation { recordConsent(borrowerId: "${created.id}", kind: MARKETING, granted: false, textVersion: "mkt-v3") { kind granted textVersion } }`, {}, lender.admin);
    expect(consents.data!.recordConsent).toEqual([{ kind: 'MARKETING', granted: false, textVersion: 'mkt-v3' }]);
    const exported = (await app.gql(`mutation { exportBorrower(id: "${created.id}") { data } }`, {}, lender.admin)).data!.exportBorrower.data;
    expect(exported.borrower.nationalId).toBe('EXPORT0001');
    expect(exported.consents).toEqual([expect.objectContaining({ kind: 'MARKETING', granted: false })]);
    expect((await app.gql(`mutation { exportBorrower(id: "${created.id}") { data } }`, {}, analyst)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('erases a borrower: personal data gone, loans and applications kept under the pseudonym', async () => {
    const res = await app.gql(
      `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id borrowerId status } }`,
      { i: { productId: lender.productId, amount: '15000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput({ nationalId: 'ERASE00001' }) } },
      lender.admin,
    );
    const { borrowerId, id } = res.data!.submitApplication;
    const erased = (await app.gql(`mutation { eraseBorrower(id: "${borrowerId}") { fullName nationalId phone pseudonymised } }`, {}, lender.admin)).data!.eraseBorrower;
    expect(erased).toEqual({ fullName: `erased-${borrowerId.slice(-8)}`, nationalId: null, phone: null, pseudonymised: true });
    const [row] = await app.ownerQuery('SELECT national_id_enc, national_id_bidx, phone_enc, date_of_birth FROM borrowers WHERE id = $1', [borrowerId]);
    expect(row).toEqual({ national_id_enc: null, national_id_bidx: null, phone_enc: null, date_of_birth: null });
    expect((await app.gql(`{ application(id: "${id}") { borrowerId } }`, {}, lender.admin)).data!.application.borrowerId).toBe(borrowerId);
  });

  it('tells a front-end (APP) of a duplicate without the other borrower’s id; only a lender admin or underwriter gets it', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const created = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'DUP-APP-0001' }) }, lender.admin)).data!.createBorrower;
    const byApp = await app.gql(CREATE, { i: borrowerInput({ nationalId: 'DUP-APP-0001' }) }, appKey);
    expect(byApp.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.nationalId' });
    expect(byApp.errors![0].extensions).not.toHaveProperty('borrowerId');
    expect(JSON.stringify(byApp)).not.toContain(created.id);
  });

  it('completes a borrower first seen through a front-end sign-in (mintBorrowerToken) when the front-end then creates it', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const minted = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "app-user-77", displayName: "Wanjiku" }) { borrowerId } }', {}, appKey)).data!.mintBorrowerToken;
    const completed = await app.gql(CREATE, { i: borrowerInput({ externalRef: 'app-user-77', nationalId: 'COMPLETE-0077', fullName: 'Wanjiku Kamau' }) }, appKey);
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.createBorrower).toMatchObject({ id: minted.borrowerId, fullName: 'Wanjiku Kamau' });
    const read = (await app.gql(READ(minted.borrowerId), {}, lender.admin)).data!.borrower;
    expect(read).toMatchObject({ id: minted.borrowerId, fullName: 'Wanjiku Kamau' });
    // Once complete, the reference is taken: another borrower with it is a conflict (named by field, not by id).
    const again = await app.gql(CREATE, { i: borrowerInput({ externalRef: 'app-user-77', nationalId: 'COMPLETE-0078' }) }, appKey);
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalRef' });
    expect(again.errors![0].extensions).not.toHaveProperty('borrowerId');
  });
  it('lets a front-end (APP key) record consent only for its own users; another front-end of the tenant gets NOT_FOUND and writes nothing', async () => {
    const appA = await app.apiKey(lender.slug, 'APP');
    const appB = await app.apiKey(lender.slug, 'APP');
    const consent = (id: string) => `mutation { recordConsent(borrowerId: "${id}", kind: DATA_PROCESSING, granted: true, textVersion: "fe-v1") { kind granted } }`;
    const signedIn = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "fe-a-user-1" }) { borrowerId } }', {}, appA)).data!.mintBorrowerToken.borrowerId;
    const registered = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FRONT-END-A-01' }) }, appA)).data!.createBorrower.id;
    const byStaff = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FRONT-END-S-01' }) }, lender.admin)).data!.createBorrower.id;

    for (const own of [signedIn, registered]) {
      expect((await app.gql(consent(own), {}, appA)).data!.recordConsent).toEqual([{ kind: 'DATA_PROCESSING', granted: true }]);
    }
    const consentsBefore = await app.ownerQuery('SELECT count(*)::int AS n FROM borrower_consents');
    const auditBefore = await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries');
    for (const [id, key] of [[signedIn, appB], [registered, appB], [byStaff, appA], [byStaff, appB]]) {
      const refused = await app.gql(consent(id), {}, key);
      expect(refused.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(refused.data).toBeNull();
    }
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM borrower_consents')).toEqual(consentsBefore);
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries')).toEqual(auditBefore);
    // Staff still record consent for anyone.
    expect((await app.gql(consent(byStaff), {}, lender.admin)).errors).toBeUndefined();
  });

  it('shows a front-end (APP key) the events of its own users only', async () => {
    const appA = await app.apiKey(lender.slug, 'APP');
    const appB = await app.apiKey(lender.slug, 'APP');
    const ownUser = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FE-EVENTS-A-01' }) }, appA)).data!.createBorrower.id;
    const staffUser = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FE-EVENTS-S-01' }) }, lender.admin)).data!.createBorrower.id;
    const submit = 'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }';
    const applied: Record<string, string> = {};
    for (const borrowerId of [ownUser, staffUser]) {
      await app.gql(`mutation { recordConsent(borrowerId: "${borrowerId}", kind: BUREAU_PULL, granted: true, textVersion: "bureau-v1") { kind } }`, {}, lender.admin);
      const res = await app.gql(submit, { i: { productId: lender.productId, amount: '15000.00', termCount: 6, frequency: 'MONTHLY', borrowerId } }, lender.admin);
      expect(res.errors).toBeUndefined();
      applied[borrowerId] = res.data!.submitApplication.id;
    }
    const EVENTS = '{ events(first: 100, filter: { types: ["application.*"] }) { nodes { type subjectId } } }';
    const subjects = async (key: string) => new Set(((await app.gql(EVENTS, {}, key)).data!.events.nodes as { subjectId: string }[]).map((n) => n.subjectId));
    const seenByA = await subjects(appA);
    expect(seenByA.has(applied[ownUser])).toBe(true);
    expect(seenByA.has(applied[staffUser])).toBe(false);
    expect((await subjects(appB)).size).toBe(0);
    // Staff see both.
    const seenByStaff = await subjects(lender.admin);
    expect(seenByStaff.has(applied[ownUser]) && seenByStaff.has(applied[staffUser])).toBe(true);
  });

  it('keeps a front-end from reaching another front-end’s user through its reference (no token, no completion)', async () => {
    const appA = await app.apiKey(lender.slug, 'APP');
    const appB = await app.apiKey(lender.slug, 'APP');
    const mint = 'mutation { mintBorrowerToken(input: { externalRef: "fe-a-user-2" }) { token borrowerId } }';
    const minted = (await app.gql(mint, {}, appA)).data!.mintBorrowerToken;
    expect((await app.gql(mint, {}, appA)).data!.mintBorrowerToken.borrowerId).toBe(minted.borrowerId);
    const stolen = await app.gql(mint, {}, appB);
    expect(stolen.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalRef' });
    expect(JSON.stringify(stolen)).not.toContain(minted.borrowerId);
    const completed = await app.gql(CREATE, { i: borrowerInput({ externalRef: 'fe-a-user-2', nationalId: 'FRONT-END-B-02' }) }, appB);
    expect(completed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalRef' });
    const [row] = await app.ownerQuery('SELECT national_id_bidx, app_key_id FROM borrowers WHERE id = $1', [minted.borrowerId]);
    expect(row.national_id_bidx).toBeNull();
    const [keyA] = await app.ownerQuery("SELECT id::text FROM api_keys WHERE $1 LIKE 'ml_%_' || prefix || '_%'", [appA]);
    expect(row.app_key_id).toBe(keyA.id);
  });
  it('gives borrowers a front-end made before it was recorded back to that front-end, from the audit chain; staff-made ones to none', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const signedIn = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "fe-old-user" }) { borrowerId } }', {}, appKey)).data!.mintBorrowerToken.borrowerId;
    const registered = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FRONT-END-OLD-1' }) }, appKey)).data!.createBorrower.id;
    const byStaff = (await app.gql(CREATE, { i: borrowerInput({ nationalId: 'FRONT-END-OLD-S' }) }, lender.admin)).data!.createBorrower.id;
    const ids = [signedIn, registered, byStaff];
    const owners = () => app.ownerQuery('SELECT id, app_key_id FROM borrowers WHERE id = ANY($1) ORDER BY id', [ids]);
    const recorded = await owners();
    expect(recorded.filter((r) => r.app_key_id !== null)).toHaveLength(2);
    await app.ownerQuery('UPDATE borrowers SET app_key_id = NULL WHERE id = ANY($1)', [ids]);
    await app.ownerQuery(BACKFILL_FRONT_ENDS);
    expect(await owners()).toEqual(recorded);
  });
});
