import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Role } from '../tenancy/roles';

/** Claims of the short-lived JWTs: staff sessions and borrower tokens minted by a tenant's APP key. */
export interface TokenClaims {
  kind: 'staff' | 'borrower';
  tenantId: string;
  subject: string;
  roles: Role[];
}

export interface TokenSettings {
  secret: Uint8Array;
  issuer: string;
}

export async function signToken(settings: TokenSettings, claims: TokenClaims, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ kind: claims.kind, tid: claims.tenantId, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(`microlend:${claims.kind}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(settings.secret);
  return { token, expiresAt };
}

export class TokenRejected extends Error {}

/** A verified token's claims, with the moment it stops being valid (its `exp`). */
export type VerifiedToken = TokenClaims & { expiresAt: Date };

export async function verifyToken(settings: TokenSettings, token: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, settings.secret, {
      issuer: settings.issuer,
      audience: ['microlend:staff', 'microlend:borrower'],
      algorithms: ['HS256'],
    });
    const kind = payload.kind;
    if ((kind !== 'staff' && kind !== 'borrower') || typeof payload.tid !== 'string' || !payload.sub || !Array.isArray(payload.roles) || typeof payload.exp !== 'number') {
      throw new TokenRejected('malformed token');
    }
    return { kind, tenantId: payload.tid, subject: payload.sub, roles: payload.roles as Role[], expiresAt: new Date(payload.exp * 1000) };
  } catch (err) {
    if (err instanceof TokenRejected) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new TokenRejected('token expired');
    throw new TokenRejected('invalid token');
  }
}
