import { lockedUntil } from '../../core/auth/lockout';
import { verifyPasswordOrDecoy } from '../../platform/auth/passwords';
import { type TokenSettings, signToken } from '../../platform/auth/tokens';
import { uuidv7 } from '../../platform/db/ids';
import { badInput, conflict, unauthenticated } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Units } from '../../platform/tenancy/units';
import type { AuditService } from '../../platform/audit/audit.service';
import { BorrowerEntity } from './borrower.entity';
import { StaffUserEntity } from './staff-user.entity';

/** Short-lived tokens: staff sessions from a password, borrower tokens minted by a front-end's APP key. */
export class SessionService {
  constructor(
    private readonly units: Units,
    private readonly tokens: TokenSettings & { staffTtlSeconds: number; borrowerTtlSeconds: number },
    private readonly audit: AuditService,
  ) {}

  /**
   * Staff login. The caller has no tenant yet, so the look-up runs in its own transaction scoped to
   * the tenant named by slug. Every failure reads the same and costs the same (a password hash is
   * checked even for an unknown tenant or user), so accounts cannot be probed; an account locks after
   * consecutive wrong passwords, for longer each time (core/auth/lockout), whatever the password then.
   */
  async login(ctx: RequestContext, input: { tenantSlug: string; email: string; password: string }): Promise<{ token: string; expiresAt: Date }> {
    const failure = unauthenticated('Invalid tenant, email or password');
    const anonymous = { tenantId: null, actor: { type: 'ANONYMOUS' as const, id: null }, requestId: ctx.requestId };
    const [tenant] = await this.units.run(anonymous, async (c) => (await c.db()).query('SELECT * FROM auth_tenant(NULL, $1)', [input.tenantSlug]));
    if (!tenant || tenant.status !== 'ACTIVE') {
      await verifyPasswordOrDecoy(input.password, null);
      throw failure;
    }
    const scope = { tenantId: tenant.tenant_id as string, actor: { type: 'ANONYMOUS' as const, id: null }, roles: [], requestId: ctx.requestId };
    const now = new Date();
    const verdict = await this.units.run(scope, async (scoped) => {
      const repo = (await scoped.db()).getRepository(StaffUserEntity);
      const user = await repo.createQueryBuilder('u').where('lower(u.email) = :email', { email: input.email.trim().toLowerCase() }).getOne();
      const ok = await verifyPasswordOrDecoy(input.password, user?.passwordHash);
      if (!user) return { signedIn: null, wrongPasswordOf: null };
      if (!ok) return { signedIn: null, wrongPasswordOf: user.id };
      if (user.status !== 'ACTIVE' || (user.lockedUntil && user.lockedUntil > now)) return { signedIn: null, wrongPasswordOf: null };
      await repo.update({ tenantId: user.tenantId, id: user.id }, { lastLoginAt: now, failedLogins: 0, lockedUntil: null });
      return { signedIn: await signToken(this.tokens, { kind: 'staff', tenantId: user.tenantId, subject: user.id, roles: user.roles }, this.tokens.staffTtlSeconds), wrongPasswordOf: null };
    });
    if (verdict.signedIn) return verdict.signedIn;
    if (verdict.wrongPasswordOf) {
      // Counted in a transaction of its own: the failed request's is rolled back.
      await this.units.run(scope, async (scoped) => {
        const [row] = await (await scoped.db()).query(
          'WITH u AS (UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins) SELECT failed_logins FROM u', [verdict.wrongPasswordOf]);
        const until = lockedUntil(Number(row?.failed_logins ?? 0), now);
        if (until) await (await scoped.db()).query('UPDATE staff_users SET locked_until = $2 WHERE id = $1', [verdict.wrongPasswordOf, until]);
      });
    }
    throw failure;
  }

  /**
   * A tenant front-end (APP key) has signed its user in and asks for a token bound to that borrower.
   * The borrower record is found by the front-end's own reference, or created on first use.
   */
  async mintBorrowerToken(ctx: RequestContext, input: { externalRef: string; displayName?: string | null }) {
    const externalRef = input.externalRef.trim();
    if (!externalRef || externalRef.length > 200) throw badInput('input.externalRef', 'externalRef must be 1-200 characters');
    const em = await ctx.db();
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO borrowers (tenant_id, id, external_ref, display_name, app_key_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, external_ref) DO NOTHING RETURNING id`,
      [ctx.tenant, uuidv7(), externalRef, input.displayName ?? null, ctx.frontEnd],
    );
    const borrower = inserted[0] ?? (await em.getRepository(BorrowerEntity).findOneByOrFail({ externalRef }));
    const borrowerOwner = inserted[0] ? ctx.frontEnd : (borrower as BorrowerEntity).appKeyId;
    // Another front-end's user is not this one's to sign in (nor, through the token, to act for).
    if (borrowerOwner !== null && borrowerOwner !== ctx.frontEnd) {
      throw conflict('This externalRef is a user of another front-end', { field: 'input.externalRef' });
    }
    if (inserted[0]) await this.audit.record(ctx, { action: 'borrower.registered', entityType: 'Borrower', entityId: borrower.id, after: { externalRef } });
    const signed = await signToken(this.tokens, { kind: 'borrower', tenantId: ctx.tenant, subject: borrower.id, roles: ['BORROWER'] }, this.tokens.borrowerTtlSeconds);
    return { ...signed, borrowerId: borrower.id };
  }
}
