import { type KeyObject, createHmac, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { type ChainBreak, canonicalJson } from './hash-chain';

/** The head of one lane of a tenant's audit chain at the moment of a checkpoint. */
export interface CheckpointHead {
  lane: number;
  seq: number;
  hash: string;
}

/**
 * Signed heads of every lane of a tenant's audit chain, published outside the database (an
 * `audit.checkpoint` event, a file). Whoever holds it can later prove the chain still reaches each
 * head: deleting the newest entries and moving the heads back no longer passes.
 */
export interface AuditCheckpoint {
  version: 1;
  tenantId: string;
  takenAt: string;
  heads: CheckpointHead[];
  /** Ed25519 public key (raw 32 bytes, base64) that verifies `signature`. */
  publicKey: string;
  /** Ed25519 signature (base64) over the canonical JSON of version, tenantId, takenAt and heads. */
  signature: string;
}

// PKCS#8 DER of an Ed25519 private key is this prefix followed by its 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The signing key, derived from a secret the database does not hold (the platform's master key):
 * an Ed25519 key whose seed is HMAC-SHA256(secret, purpose), so every replica signs alike and
 * rotating the master key rotates it.
 */
export function checkpointSigningKey(secret: Buffer): KeyObject {
  const seed = createHmac('sha256', secret).update('microlend audit checkpoint v1').digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The raw public key (base64) of a signing key: what a checkpoint names and a verifier trusts. */
export function publicKeyOf(key: KeyObject): string {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

function signedPart(c: Pick<AuditCheckpoint, 'version' | 'tenantId' | 'takenAt' | 'heads'>): Buffer {
  const heads = [...c.heads].sort((a, b) => a.lane - b.lane).map((h) => ({ lane: h.lane, seq: h.seq, hash: h.hash }));
  return Buffer.from(canonicalJson({ version: c.version, tenantId: c.tenantId, takenAt: c.takenAt, heads }));
}

/** Signs the heads of a tenant's lanes. */
export function signCheckpoint(tenantId: string, heads: CheckpointHead[], takenAt: string, key: KeyObject): AuditCheckpoint {
  const body = { version: 1 as const, tenantId, takenAt, heads: [...heads].sort((a, b) => a.lane - b.lane) };
  return { ...body, publicKey: publicKeyOf(key), signature: sign(null, signedPart(body), key).toString('base64') };
}

/** True when the checkpoint is signed by one of the trusted public keys and nothing in it changed. */
export function checkpointSignatureValid(c: AuditCheckpoint, trustedPublicKeys: string[]): boolean {
  if (c.version !== 1 || !trustedPublicKeys.includes(c.publicKey) || !Array.isArray(c.heads)) return false;
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(c.publicKey, 'base64')]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  try {
    return verify(null, signedPart(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Compares a checkpoint with the chain as it is now: each published head must still be in its lane
 * with the same hash. A lane that ends before a published head was TRUNCATED (its newest entries
 * deleted, its head moved back); a different hash at that place was EDITED.
 *
 * @param entryHashAt the stored hash of a lane's entry, or null when the lane has no such entry.
 */
export function checkAgainstCheckpoint(c: AuditCheckpoint, entryHashAt: (lane: number, seq: number) => string | null): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  for (const h of c.heads) {
    if (h.seq === 0) continue;
    const hash = entryHashAt(h.lane, h.seq);
    if (hash === null) breaks.push({ seq: h.seq, lane: h.lane, reason: 'TRUNCATED', detail: `the checkpoint of ${c.takenAt} published entry ${h.seq}; the chain ends before it` });
    else if (hash !== h.hash) breaks.push({ seq: h.seq, lane: h.lane, reason: 'EDITED', detail: `entry ${h.seq} no longer has the hash the checkpoint of ${c.takenAt} published` });
  }
  return breaks;
}
