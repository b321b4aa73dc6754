import * as crypto from 'node:crypto';
import { LOCKOUT_THRESHOLD } from '../../src/core/auth/lockout';
import { type TestApp, startTestApp } from '../support/test-app';

// The real scrypt, counted: each sign-in must cost exactly one password hash whatever fails.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, scrypt: jest.fn(actual.scrypt) };
});

/** Issue 13 (Low): equal work for an unknown tenant, an unknown user and a wrong password; per-account lockout with backoff. */
describe('staff login: no probing, and lockout after repeated wrong passwords', () => {
  let app: TestApp;
  let slug: string;
  const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
  const login = (tenantSlug: string, email: string, password: string) => app.gql(LOGIN, { i: { tenantSlug, email, password } });

  beforeAll(async () => {
    app = await startTestApp();
    slug = (await app.createTenant()).slug;
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    for (const email of ['amina@lender.test', 'baraka@lender.test']) {
      const made = await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "Staff", roles: [ANALYST], password: "the right password" }) { id } }`, {}, admin);
      expect(made.errors).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  it('answers an unknown tenant, an unknown user and a wrong password alike, each after one password check', async () => {
    const spy = crypto.scrypt as unknown as jest.Mock;
    // The decoy hash is made once, on first need: make it before counting.
    await login('no-such-lender', 'warm@lender.test', 'warm up');
    const answers = [];
    for (const [tenant, email] of [['no-such-lender', 'amina@lender.test'], [slug, 'nobody@lender.test'], [slug, 'baraka@lender.test']]) {
      spy.mockClear();
      const res = await login(tenant, email, 'a wrong password');
      answers.push(res.errors!.map((e) => [e.message, e.extensions.code]));
      expect([tenant, email, spy.mock.calls.length]).toEqual([tenant, email, 1]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('locks an account after repeated wrong passwords, even against the right one, and unlocks after the backoff', async () => {
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) expect((await login(slug, 'amina@lender.test', `wrong ${i}`)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const locked = await login(slug, 'amina@lender.test', 'the right password');
    expect(locked.errors![0]).toMatchObject({ message: 'Invalid tenant, email or password', extensions: { code: 'UNAUTHENTICATED' } });
    // Another account of the tenant is not affected.
    expect((await login(slug, 'baraka@lender.test', 'the right password')).data!.login.token).toEqual(expect.any(String));
    // The lock runs out (moved into the past here rather than waited for): the right password works and resets the count.
    await app.ownerQuery("UPDATE staff_users SET locked_until = now() - interval '1 second' WHERE email = 'amina@lender.test'");
    expect((await login(slug, 'amina@lender.test', 'the right password')).data!.login.token).toEqual(expect.any(String));
    const [row] = await app.ownerQuery("SELECT failed_logins, locked_until FROM staff_users WHERE email = 'amina@lender.test'");
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('locks for longer after each further failure', async () => {
    const until = async () => (await app.ownerQuery("SELECT locked_until FROM staff_users WHERE email = 'baraka@lender.test'"))[0].locked_until as Date | null;
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await login(slug, 'baraka@lender.test', `wrong ${i}`);
    const first = (await until())!.getTime() - Date.now();
    await login(slug, 'baraka@lender.test', 'wrong again');
    const second = (await until())!.getTime() - Date.now();
    expect(first).toBeGreaterThan(20_000);
    expect(second).toBeGreaterThan(first + 20_000);
  });
});
