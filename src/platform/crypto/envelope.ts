import { type KeyObject, createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for personal data: each tenant has a random 256-bit data key, stored only
 * wrapped by the master key. Fields are AES-256-GCM with the tenant and field name as associated
 * data, so a ciphertext copied to another tenant or column does not decrypt. Look-ups use a keyed
 * blind index (HMAC-SHA256 with a key derived from the data key), never the plaintext.
 */
const VERSION = 'v1';

function seal(key: Buffer | KeyObject, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

function open(key: Buffer | KeyObject, sealed: string, aad: string): Buffer {
  const [version, iv, tag, ct] = sealed.split(':');
  if (version !== VERSION) throw new Error(`unknown ciphertext version ${version}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
}

export function newWrappedDataKey(masterKey: Buffer, tenantId: string): string {
  return seal(masterKey, randomBytes(32), `tenant-key:${tenantId}`);
}

/**
 * The tenant's data key wrapped by `to`, unwrapped with whichever of `keys` opens it; null when it is
 * already wrapped by `to` (nothing to do). Master-key rotation: the data key, and so every ciphertext
 * and blind index, stays the same; only its wrapping changes.
 */
export function rewrapDataKey(keys: Buffer[], to: Buffer, tenantId: string, wrapped: string): string | null {
  const aad = `tenant-key:${tenantId}`;
  try {
    open(to, wrapped, aad);
    return null;
  } catch {
    // Not wrapped by the new key yet: find the key that does open it.
  }
  for (const key of keys) {
    let dataKey: Buffer;
    try {
      dataKey = open(key, wrapped, aad);
    } catch {
      continue;
    }
    return seal(to, dataKey, aad);
  }
  throw new Error(`the data key of tenant ${tenantId} opens with none of the master keys given`);
}

/**
 * A tenant's unwrapped data key, with the field operations built on it. The keys are held as
 * KeyObjects, imported once (a Buffer key is imported again by every cipher and HMAC made from it).
 */
export class TenantCipher {
  private readonly dataKey: KeyObject;
  private readonly indexKey: KeyObject;

  constructor(
    private readonly tenantId: string,
    dataKey: Buffer,
  ) {
    this.dataKey = createSecretKey(dataKey);
    this.indexKey = createSecretKey(Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(tenantId), Buffer.from('microlend blind index'), 32)));
  }

  /** Unwraps with the master key, or with the previous one during a rotation. */
  static unwrap(masterKey: Buffer, tenantId: string, wrapped: string, previous: Buffer | null = null): TenantCipher {
    try {
      return new TenantCipher(tenantId, open(masterKey, wrapped, `tenant-key:${tenantId}`));
    } catch (err) {
      if (!previous) throw err;
      return new TenantCipher(tenantId, open(previous, wrapped, `tenant-key:${tenantId}`));
    }
  }

  encrypt(field: string, value: string): string {
    return seal(this.dataKey, Buffer.from(value, 'utf8'), `${this.tenantId}:${field}`);
  }

  decrypt(field: string, sealed: string): string {
    return open(this.dataKey, sealed, `${this.tenantId}:${field}`).toString('utf8');
  }

  /** Equal normalised values give equal indexes within a tenant, and unrelated ones across tenants. */
  blindIndex(field: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${field}\n${normaliseForIndex(value)}`).digest('hex');
  }
}

/** Case, spaces, dashes and dots do not make a different person: "110101 1990-0307 123x" = "1101011990..123X". */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[\s\-.()/]/g, '');
}

/** Shows only the last characters kept in clear: "******1234" ("" masks everything). */
export function mask(lastChars: string | null, length = 10): string | null {
  if (lastChars === null) return null;
  return `${'*'.repeat(Math.max(0, length - lastChars.length))}${lastChars}`;
}
