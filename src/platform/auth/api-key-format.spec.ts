import { generateApiKey, hashSecret, parseApiKey, secretMatches, visiblePrefix } from './api-key-format';

describe('API key format', () => {
  it('round-trips: the key names its tenant and prefix, and only the hash of the secret is kept', () => {
    const { key, prefix, secretHash } = generateApiKey('jamii-credit');
    const parsed = parseApiKey(key)!;
    expect(parsed).toMatchObject({ tenantSlug: 'jamii-credit', prefix });
    expect(key.startsWith(visiblePrefix('jamii-credit', prefix))).toBe(true);
    expect(secretHash).toBe(hashSecret(parsed.secret));
    expect(secretHash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed.secret.slice(0, -1)}x`, secretHash)).toBe(false);
  });
  it.each(['', 'ml_', 'ml_a_b_c', 'xx_jamii-credit_abcdef12_' + 'a'.repeat(43), `ml_jamii-credit_ABCDEF12_${'a'.repeat(43)}`])('refuses %p', (k) => {
    expect(parseApiKey(k)).toBeUndefined();
  });
});
