/**
 * What production asks of a secret: not a value that ships in this repository (the development
 * defaults, which anyone can read), at least 32 bytes, and not low-entropy (one character repeated,
 * an all-zero key, a short pattern). Pure, so the rules are tested on their own.
 */

/** Fewest bytes a production secret may have: HS256 wants a key as long as its hash. */
export const MIN_SECRET_BYTES = 32;
/** Least estimated entropy, in bits, of a production secret (a random 32-byte key carries ~150 here). */
export const MIN_SECRET_BITS = 128;

/**
 * Estimated entropy in bits: the Shannon entropy of the symbols' frequencies times their number. It
 * overestimates what a person typed, but refuses repeated characters, all-zero keys and short
 * patterns, which is what slips through when someone "fills in" a secret.
 */
export function estimatedEntropyBits(symbols: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < symbols.length; i++) counts.set(symbols[i], (counts.get(symbols[i]) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    perSymbol -= p * Math.log2(p);
  }
  return perSymbol * symbols.length;
}

/**
 * Why `value` cannot be a production secret, or null when it can. `bytes` is the secret as used (a
 * decoded key); `known` the values this repository ships for development.
 */
export function secretProblem(bytes: Uint8Array, known: readonly Uint8Array[]): string | null {
  if (known.some((k) => Buffer.compare(Buffer.from(k), Buffer.from(bytes)) === 0)) return 'is a development value published in this repository';
  if (bytes.every((b) => b === 0)) return 'is all zeros';
  if (bytes.length < MIN_SECRET_BYTES) return `is ${bytes.length} bytes; at least ${MIN_SECRET_BYTES} are needed`;
  if (estimatedEntropyBits(bytes) < MIN_SECRET_BITS) return 'is low-entropy (repeated or patterned); generate a random one';
  return null;
}
