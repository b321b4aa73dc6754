import { createHash } from 'node:crypto';
import { ChainVerifier, GENESIS_HASH, canonicalJson, entryHash, entryHashPrefix, type ChainedEntry } from './hash-chain';

function chain(n: number) {
  const out: (ChainedEntry & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedEntry = {
      seq, id: `id-${seq}`, occurredAt: `2026-01-0${seq}T00:00:00.000Z`, actorType: 'API_KEY', actorId: 'k1',
      action: 'update', entityType: 'tenant', entityId: 't1', before: { a: seq - 1 }, after: { a: seq }, requestId: null,
    };
    const hash = entryHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return { entries: out, head: { lastSeq: n, lastHash: prev } };
}

function verify(entries: ReturnType<typeof chain>['entries'], head: ReturnType<typeof chain>['head'] | null) {
  const v = new ChainVerifier();
  entries.forEach((e) => v.push(e));
  return v.finish(head);
}

describe('hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('extends a chain from the prefix, the sequence number and the previous hash alone (as the database does)', () => {
    for (const { prevHash, hash, seq, ...rest } of chain(12).entries) {
      const fromPrefix = createHash('sha256').update(`${prevHash}\n${entryHashPrefix(rest)}${seq}}`).digest('hex');
      expect(fromPrefix).toBe(hash);
    }
  });

  it('accepts an intact chain', () => {
    const { entries, head } = chain(5);
    expect(verify(entries, head)).toEqual({ ok: true, checked: 5, breaks: [] });
  });

  it.each([
    ['an edited field', (c: ReturnType<typeof chain>) => { c.entries[2] = { ...c.entries[2], after: { a: 99 } }; }, 'EDITED'],
    ['a deleted middle entry', (c: ReturnType<typeof chain>) => { c.entries.splice(1, 1); }, 'MISSING'],
    ['a deleted last entry', (c: ReturnType<typeof chain>) => { c.entries.pop(); }, 'TRUNCATED'],
    ['a re-hashed edit', (c: ReturnType<typeof chain>) => {
      const e = { ...c.entries[1], action: 'forged' };
      const { prevHash, hash: _h, ...fields } = e;
      c.entries[1] = { ...e, hash: entryHash(prevHash, fields) };
    }, 'RELINKED'],
  ])('detects %s', (_name, tamper, reason) => {
    const c = chain(4);
    tamper(c);
    const report = verify(c.entries, c.head);
    expect(report.ok).toBe(false);
    expect(report.breaks.map((b) => b.reason)).toContain(reason);
  });
});
