import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../platform/auth/passwords';
import { type TokenSettings, signToken } from '../../platform/auth/tokens';
import { uuidv7 } from '../../platform/db/ids';
import { badInput, unauthenticated } from '../../platform/graphql/errors';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { runInContext } from '../../platform/tenancy/run-in-context';
import type { AuditService } from '../audit/audit.service';
import { BorrowerEntity } from './borrower.entity';
import { StaffUserEntity } from './staff-user.entity';

/** Short-lived tokens: staff sessions from a password, borrower tokens minted by a front-end's APP key. */
export class SessionService {
  constructor(
    private readonly dataSource: () => DataSource,
    private readonly tokens: TokenSettings & { staffTtlSeconds: number; borrowerTtlSeconds: number },
    private readonly audit: AuditService,
  ) {}

  /**
   * Staff login. The caller has no tenant yet, so the look-up runs in its own transaction scoped to
   * the tenant named by slug. Every failure reads the same, so accounts cannot be probed.
   */
  async login(ctx: RequestContext, input: { tenantSlug: string; email: string; password: string }): Promise<{ token: string; expiresAt: Date }> {
    const db = this.dataSource();
    const [tenant] = await db.query('SELECT * FROM auth_tenant(NULL, $1)', [input.tenantSlug]);
    const failure = unauthenticated('Invalid tenant, email or password');
    if (!tenant || tenant.status !== 'ACTIVE') throw failure;
    return runInContext(db, { tenantId: tenant.tenant_id, actor: { type: 'ANONYMOUS', id: null }, roles: [], requestId: ctx.requestId }, async (scoped) => {
      const repo = (await scoped.db()).getRepository(StaffUserEntity);
      const user = await repo.createQueryBuilder('u').where('lower(u.email) = :email', { email: input.email.trim().toLowerCase() }).getOne();
      const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : false;
      if (!user || !ok || user.status !== 'ACTIVE') throw failure;
      await repo.update({ tenantId: user.tenantId, id: user.id }, { lastLoginAt: new Date() });
      return signToken(this.tokens, { kind: 'staff', tenantId: user.tenantId, subject: user.id, roles: user.roles }, this.tokens.staffTtlSeconds);
    });
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
      `INSERT INTO borrowers (tenant_id, id, external_ref, display_name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, external_ref) DO NOTHING RETURNING id`,
      [ctx.tenant, uuidv7(), externalRef, input.displayName ?? null],
    );
    const borrower = inserted[0] ?? (await em.getRepository(BorrowerEntity).findOneByOrFail({ externalRef }));
    if (inserted[0]) await this.audit.record(ctx, { action: 'borrower.registered', entityType: 'Borrower', entityId: borrower.id, after: { externalRef } });
    const signed = await signToken(this.tokens, { kind: 'borrower', tenantId: ctx.tenant, subject: borrower.id, roles: ['BORROWER'] }, this.tokens.borrowerTtlSeconds);
    return { ...signed, borrowerId: borrower.id };
  }
}
