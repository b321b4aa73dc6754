import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 16 bytes in the canonical 8-4-4-4-12 form. */
export function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID version 7 (RFC 9562): millisecond time first, so ids sort by creation time and serve as
 * keyset-pagination cursors without a second column. Within one process they also sort in the order
 * they were made (RFC 9562 method 1: the 12 bits after the version are a counter, started at a
 * random value below 2^11 each millisecond and incremented within it), so rows written in one
 * statement, such as a replay's journal entries, keep the order they were worked out in.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  randomInto(bytes, 6, 10);
  // A new millisecond, or a time far behind the last (an explicit one): start a new run.
  if (now > lastMs || lastMs - now > 10_000) {
    lastMs = now;
    counter = ((bytes[6] << 8) | bytes[7]) & 0x7ff;
  } else if (++counter > 0xfff) {
    // 2,048+ ids in one millisecond (or a clock that stepped back a little): borrow the next one.
    lastMs += 1;
    counter = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidFromBytes(bytes);
}
let lastMs = -1;
let counter = 0;

/** Random bytes drawn from a pool refilled 4 KiB at a time (one call into the CSPRNG per ~400 ids). */
let pool = Buffer.alloc(0);
let used = 0;
function randomInto(target: Buffer, at: number, length: number): void {
  if (used + length > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  pool.copy(target, at, used, used + length);
  used += length;
}

/**
 * A UUID (version 8, RFC 9562) that is a pure function of a name: our record's id for an operation
 * key. A retried request gets the same id, so the idempotency key we send a provider (derived from
 * the id) is the same too, even when the first attempt's transaction rolled back after the provider
 * acted.
 */
export function stableUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidFromBytes(bytes);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random code people read and type (referral codes): capitals and digits without 0/O or 1/I. */
export const readableCode = (length: number): string => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
