import type { Principal } from '../auth/authenticate';
import { unauthenticated } from '../../core/domain-error';
import { CLOSE_CHECK_FAILED, CLOSE_EXPIRED, CLOSE_FORBIDDEN, SubscriptionCredentials } from './subscription-credentials';

const TENANT = '00000000-0000-7000-8000-000000000001';
const KEY = '00000000-0000-7000-8000-00000000000a';
const USER = '00000000-0000-7000-8000-00000000000b';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function principal(over: Partial<Principal> = {}): Principal {
  return { tenantId: TENANT, actor: { type: 'API_KEY', id: KEY }, roles: ['LENDER_ADMIN'], borrowerId: null, platform: false, expiresAt: null, ...over };
}

/** A credential store the test edits; every lookup is counted. */
function setup(recheckAfterMs = 10_000) {
  const state = { answer: principal() as Principal | Error, lookups: 0 };
  const registry = new SubscriptionCredentials(async () => {
    state.lookups++;
    if (state.answer instanceof Error) throw state.answer;
    return state.answer;
  }, recheckAfterMs);
  const closes: [number, string][] = [];
  const socket = { close: (code: number, reason: string) => void closes.push([code, reason]) };
  const key = {};
  return { state, registry, closes, socket, key };
}

describe('SubscriptionCredentials', () => {
  it('admits events without a lookup while the verdict is fresh', async () => {
    const { state, registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer k', principal());
    for (let i = 0; i < 100; i++) expect(await registry.admit(key)).toBe(true);
    expect(state.lookups).toBe(0);
    expect(closes).toEqual([]);
  });

  it('closes with 4403 on a NOTIFY about its key, tenant or user once the lookup refuses; ignores other credentials', async () => {
    for (const [payload, actor] of [[`api_key:${KEY}`, { type: 'API_KEY', id: KEY }], [`tenant:${TENANT}`, { type: 'API_KEY', id: KEY }], [`staff_user:${USER}`, { type: 'STAFF_USER', id: USER }]] as const) {
      const { state, registry, socket, key, closes } = setup();
      registry.open(key, socket, 'Bearer k', principal({ actor }));
      registry.changed(`api_key:00000000-0000-7000-8000-0000000000ff`);
      expect(state.lookups).toBe(0);
      state.answer = unauthenticated('API key revoked');
      registry.changed(payload);
      expect(await registry.admit(key)).toBe(false);
      expect(closes).toEqual([[CLOSE_FORBIDDEN, 'API key revoked']]);
    }
  });

  it('keeps the socket when the change left the credential valid (a tenant reactivated, a role added)', async () => {
    const { state, registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer k', principal());
    state.answer = principal({ roles: ['LENDER_ADMIN', 'SERVICER'] });
    registry.changed(`tenant:${TENANT}`);
    expect(await registry.admit(key)).toBe(true);
    expect(closes).toEqual([]);
  });

  it('closes with 4403 when a right held at connect was taken away', async () => {
    const { state, registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer t', principal({ actor: { type: 'STAFF_USER', id: USER }, roles: ['LENDER_ADMIN', 'SERVICER'] }));
    state.answer = principal({ actor: { type: 'STAFF_USER', id: USER }, roles: ['SERVICER'] });
    registry.changed(`staff_user:${USER}`);
    expect(await registry.admit(key)).toBe(false);
    expect(closes).toEqual([[CLOSE_FORBIDDEN, 'credential changed']]);
  });

  it('re-reads the credential after the TTL, so a lost NOTIFY delays a revocation by the TTL at most', async () => {
    const { state, registry, socket, key, closes } = setup(30);
    registry.open(key, socket, 'Bearer k', principal());
    state.answer = unauthenticated('API key revoked');
    expect(await registry.admit(key)).toBe(true);
    await sleep(40);
    expect(await registry.admit(key)).toBe(false);
    expect(state.lookups).toBe(1);
    expect(closes).toEqual([[CLOSE_FORBIDDEN, 'API key revoked']]);
  });

  it('closes with 4401 at expiry, by timer and at delivery', async () => {
    const { registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer t', principal({ expiresAt: new Date(Date.now() + 30) }));
    expect(await registry.admit(key)).toBe(true);
    await sleep(50);
    expect(closes).toEqual([[CLOSE_EXPIRED, 'credential expired']]);
    expect(await registry.admit(key)).toBe(false);
    expect(closes).toHaveLength(1);
  });

  it('closes with 1011 (so the client reconnects) when the credential cannot be checked', async () => {
    const { state, registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer k', principal());
    state.answer = new Error('connection refused');
    registry.changed(`tenant:${TENANT}`);
    expect(await registry.admit(key)).toBe(false);
    expect(closes).toEqual([[CLOSE_CHECK_FAILED, 'credential check failed']]);
  });

  it('forgets a closed socket and its timer', async () => {
    const { registry, socket, key, closes } = setup();
    registry.open(key, socket, 'Bearer t', principal({ expiresAt: new Date(Date.now() + 20) }));
    registry.forget(key);
    await sleep(40);
    expect(closes).toEqual([]);
    expect(await registry.admit(key)).toBe(false);
  });
});
