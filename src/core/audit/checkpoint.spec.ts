import { checkAgainstCheckpoint, checkpointSignatureValid, checkpointSigningKey, publicKeyOf, signCheckpoint } from './checkpoint';

const key = checkpointSigningKey(Buffer.alloc(32, 7));
const other = checkpointSigningKey(Buffer.alloc(32, 8));
const heads = [{ lane: 1, seq: 4, hash: 'b'.repeat(64) }, { lane: 0, seq: 10, hash: 'a'.repeat(64) }];

describe('audit checkpoints', () => {
  it('derives the same key from the same secret, another from another', () => {
    expect(publicKeyOf(checkpointSigningKey(Buffer.alloc(32, 7)))).toBe(publicKeyOf(key));
    expect(publicKeyOf(other)).not.toBe(publicKeyOf(key));
  });

  it('verifies with the trusted key only, and not once anything in it changed', () => {
    const c = signCheckpoint('t-1', heads, '2026-12-04T00:00:00.000Z', key);
    expect(c.heads.map((h) => h.lane)).toEqual([0, 1]);
    expect(checkpointSignatureValid(c, [publicKeyOf(key)])).toBe(true);
    expect(checkpointSignatureValid(c, [publicKeyOf(other)])).toBe(false);
    expect(checkpointSignatureValid({ ...c, heads: [{ ...c.heads[0], seq: 9 }, c.heads[1]] }, [publicKeyOf(key)])).toBe(false);
    expect(checkpointSignatureValid({ ...c, tenantId: 't-2' }, [publicKeyOf(key)])).toBe(false);
    // A forger's own key in the file does not help: only trusted keys count.
    const forged = signCheckpoint('t-1', heads, c.takenAt, other);
    expect(checkpointSignatureValid(forged, [publicKeyOf(key)])).toBe(false);
  });

  it('finds a lane that ends before its published head (truncated) or changed at it (edited)', () => {
    const c = signCheckpoint('t-1', heads, '2026-12-04T00:00:00.000Z', key);
    const chain = new Map([['0:10', 'a'.repeat(64)], ['1:4', 'b'.repeat(64)]]);
    expect(checkAgainstCheckpoint(c, (lane, seq) => chain.get(`${lane}:${seq}`) ?? null)).toEqual([]);
    chain.delete('0:10');
    chain.set('1:4', 'c'.repeat(64));
    expect(checkAgainstCheckpoint(c, (lane, seq) => chain.get(`${lane}:${seq}`) ?? null).map((b) => [b.lane, b.seq, b.reason])).toEqual([[0, 10, 'TRUNCATED'], [1, 4, 'EDITED']]);
  });
});
