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
  it('makes the same version-8 id for the same name, and another for another name', () => {
    const id = stableUuid('payment:tenant-1:key-1');
    expect(stableUuid('payment:tenant-1:key-1')).toBe(id);
    expect(stableUuid('payment:tenant-1:key-2')).not.toBe(id);
    expect(isUuid(id) && id[14] === '8' && '89ab'.includes(id[19])).toBe(true);
  });
});
