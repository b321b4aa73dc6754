import { isUuid, stableUuid, uuidFromBytes, uuidv7 } from './ids';

describe('ids', () => {
  it('formats 16 bytes canonically', () => {
    expect(uuidFromBytes(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
  it('makes version-7 ids that sort by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(isUuid(a) && a[14] === '7').toBe(true);
    expect(a < b).toBe(true);
  });
  it('sorts ids made in one millisecond in the order they were made, and never repeats one', () => {
    const ids = Array.from({ length: 6000 }, () => uuidv7(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(6000);
  });
  it('puts the millisecond time in the first 48 bits and fresh randomness after it, across pool refills', () => {
    expect(uuidv7(0x0123456789ab).startsWith('01234567-89ab-7')).toBe(true);
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(5000);
    expect(ids.every((id) => isUuid(id) && '89ab'.includes(id[19]))).toBe(true);
  });
  it('makes the same version-8 id for the same name, and another for another name', () => {
    const id = stableUuid('payment:tenant-1:key-1');
    expect(stableUuid('payment:tenant-1:key-1')).toBe(id);
    expect(stableUuid('payment:tenant-1:key-2')).not.toBe(id);
    expect(isUuid(id) && id[14] === '8' && '89ab'.includes(id[19])).toBe(true);
  });
});
