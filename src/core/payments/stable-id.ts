import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562) that is a pure function of a name: our record's id for an operation
 * key. A retried request gets the same id, so the idempotency key we send the provider (derived from
 * the id) is the same too, even when the first attempt's transaction rolled back after the provider
 * acted.
 */
export function stableUuid(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
