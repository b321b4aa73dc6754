import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `ml_<tenant-slug>_<8-char prefix>_<secret>`. The part before the secret is the
 * visible prefix shown in lists; only a SHA-256 of the 32-byte random secret is stored (high-entropy
 * secrets need no slow hash). Platform keys use the reserved slug `platform`.
 */
export interface ParsedApiKey {
  tenantSlug: string;
  prefix: string;
  secret: string;
}

export const PLATFORM_SLUG = 'platform';
const KEY_RE = /^ml_([a-z][a-z0-9-]{1,38}[a-z0-9])_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(tenantSlug: string): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(5).toString('hex').slice(0, 8);
  const secret = randomBytes(32).toString('base64url');
  return { key: `ml_${tenantSlug}_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const m = KEY_RE.exec(token);
  return m ? { tenantSlug: m[1], prefix: m[2], secret: m[3] } : undefined;
}

/** The visible part of a key, safe to show in lists and logs. */
export const visiblePrefix = (tenantSlug: string, prefix: string) => `ml_${tenantSlug}_${prefix}`;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
