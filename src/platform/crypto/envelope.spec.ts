import { randomBytes } from 'node:crypto';
import { TenantCipher, newWrappedDataKey } from './envelope';

describe('envelope encryption', () => {
  const master = randomBytes(32);
  const a = TenantCipher.unwrap(master, 'tenant-a', newWrappedDataKey(master, 'tenant-a'));
  const wrappedB = newWrappedDataKey(master, 'tenant-b');
  const b = TenantCipher.unwrap(master, 'tenant-b', wrappedB);

  it('round-trips a field and never repeats a ciphertext', () => {
    const one = a.encrypt('nationalId', '110101199003071234');
    expect(a.decrypt('nationalId', one)).toBe('110101199003071234');
    expect(a.encrypt('nationalId', '110101199003071234')).not.toBe(one);
    expect(one).not.toContain('1234');
  });

  it('refuses a ciphertext moved to another field or tenant, or tampered with', () => {
    const sealed = a.encrypt('phone', '+8613800000000');
    expect(() => a.decrypt('nationalId', sealed)).toThrow();
    expect(() => b.decrypt('phone', sealed)).toThrow();
    const parts = sealed.split(':');
    // One bit of the ciphertext flipped (writing a fixed byte would change nothing once in 256 runs).
    const bytes = Buffer.from(parts[3], 'base64');
    bytes[0] ^= 1;
    parts[3] = bytes.toString('base64');
    expect(() => a.decrypt('phone', parts.join(':'))).toThrow();
  });

  it('needs the right master key to unwrap', () => {
    expect(() => TenantCipher.unwrap(randomBytes(32), 'tenant-b', wrappedB)).toThrow();
    expect(() => TenantCipher.unwrap(master, 'tenant-a', wrappedB)).toThrow();
  });

  it('indexes equal values equally within a tenant, differently across tenants and fields', () => {
    expect(a.blindIndex('nationalId', '11010119900307123x')).toBe(a.blindIndex('nationalId', '110101 19900307 123X'));
    expect(a.blindIndex('nationalId', 'X')).not.toBe(b.blindIndex('nationalId', 'X'));
    expect(a.blindIndex('nationalId', 'X')).not.toBe(a.blindIndex('phone', 'X'));
  });
});
