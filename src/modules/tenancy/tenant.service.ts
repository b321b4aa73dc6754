import { createHash } from 'node:crypto';
import { announceCredentialChange } from '../../platform/auth/credential-changes';
import { uuidv7 } from '../../platform/db/ids';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { notFound } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { zodToBadInput } from './tenant.errors';
import { TenantEntity, type TenantStatus } from './tenant.entity';
import { type TenantDefinition, type TenantSettings, tenantDefinitionSchema, tenantSettingsSchema } from './tenant-definition';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

const CURRENT = Symbol('current tenant');

/** Lenders on the platform: created and changed by the operator or by tenants-as-code, read by each tenant. */
export class TenantService {
  constructor(
    private readonly audit: AuditService,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
    private readonly directory: TenantDirectory,
  ) {}

  /** The caller's own tenant, read once per transaction (a change to it within the request updates the copy). */
  async current(ctx: RequestContext): Promise<TenantEntity> {
    const cache = ctx.transactionState(CURRENT, () => new Map<string, TenantEntity>());
    const cached = cache.get(ctx.tenant);
    if (cached) return cached;
    const tenant = await (await ctx.db()).getRepository(TenantEntity).findOneBy({ id: ctx.tenant });
    if (!tenant) throw notFound('Tenant', ctx.tenant);
    cache.set(ctx.tenant, tenant);
    return tenant;
  }

  async bySlugOrThrow(ctx: RequestContext, slug: string): Promise<TenantEntity> {
    const tenant = await (await ctx.db()).getRepository(TenantEntity).findOneBy({ slug });
    if (!tenant) throw notFound('Tenant', slug);
    return tenant;
  }

  async list(ctx: RequestContext, args: PageArgs & { status?: TenantStatus }): Promise<Connection<TenantEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(TenantEntity).createQueryBuilder('t').orderBy('t.id', 'ASC').limit(size + 1);
    if (args.after) qb.andWhere('t.id > :after', { after: decodeCursor(args.after) });
    if (args.status) qb.andWhere('t.status = :status', { status: args.status });
    return toConnection(await qb.getMany(), size, (t) => t.id, Boolean(args.after));
  }

  /** Validates a definition from GraphQL or YAML; refusals name the field under `root`. */
  parseDefinition(input: unknown, root = 'input'): TenantDefinition {
    const parsed = tenantDefinitionSchema.safeParse(input);
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    return parsed.data;
  }

  async create(ctx: RequestContext, input: unknown): Promise<TenantEntity> {
    const def = this.parseDefinition(input);
    const outcome = await this.apply(ctx, def, null);
    return outcome.tenant;
  }

  /**
   * Creates or brings a tenant to `def`, by slug. Idempotent: an unchanged definition writes nothing
   * (no version bump, no audit entry).
   */
  async apply(ctx: RequestContext, def: TenantDefinition, source: string | null): Promise<{ outcome: ApplyOutcome; tenant: TenantEntity }> {
    const repo = (await ctx.db()).getRepository(TenantEntity);
    const hash = definitionHash(def);
    const existing = await repo.createQueryBuilder('t').setLock('pessimistic_write').where('t.slug = :slug', { slug: def.slug }).getOne();
    if (existing && existing.configHash === hash) return { outcome: 'unchanged', tenant: existing };
    const now = new Date();
    const next: TenantEntity = Object.assign(new TenantEntity(), {
      id: existing?.id ?? uuidv7(),
      slug: def.slug,
      name: def.name,
      legalName: def.legalName,
      country: def.country,
      jurisdiction: def.jurisdiction,
      baseCurrency: def.baseCurrency,
      timezone: def.timezone,
      locale: def.locale,
      status: def.status,
      roundingDecimals: def.rounding.decimals,
      roundingMode: def.rounding.mode,
      settings: def.settings,
      configHash: hash,
      version: (existing?.version ?? 0) + 1,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await repo.save(next);
    // Suspension ends every credential of the tenant: open subscriptions re-check when this commits.
    if (existing && existing.status !== next.status) await announceCredentialChange(ctx, { kind: 'tenant', id: next.id });
    ctx.transactionState(CURRENT, () => new Map<string, TenantEntity>()).set(next.id, next);
    this.directory.remember(ctx, next);
    await this.audit.record(ctx.forTenant(next.id), {
      action: existing ? 'tenant.updated' : 'tenant.created',
      entityType: 'Tenant',
      entityId: next.id,
      before: existing ? definitionOf(existing) : null,
      after: { ...definitionOf(next), source },
    });
    return { outcome: existing ? 'updated' : 'created', tenant: next };
  }

  async update(ctx: RequestContext, slug: string, input: unknown): Promise<TenantEntity> {
    await this.bySlugOrThrow(ctx, slug);
    const def = this.parseDefinition({ ...(input as object), slug });
    return (await this.apply(ctx, def, null)).tenant;
  }

  async setStatus(ctx: RequestContext, slug: string, status: TenantStatus): Promise<TenantEntity> {
    const tenant = await this.bySlugOrThrow(ctx, slug);
    if (tenant.status === status) return tenant;
    const def = { ...definitionOf(tenant), status };
    return (await this.apply(ctx, this.parseDefinition(def), null)).tenant;
  }

  /** The tenant's API plan (its credentials' cost budget, see docs/api-limits.md); null: the default plan. */
  async apiPlan(ctx: RequestContext, slug: string): Promise<{ tenant: TenantEntity; plan: string | null }> {
    const tenant = await this.bySlugOrThrow(ctx, slug);
    const [row] = (await (await ctx.db()).query('SELECT plan FROM tenant_api_plans WHERE tenant_id = $1', [tenant.id])) as { plan: string }[];
    return { tenant, plan: row?.plan ?? null };
  }

  /**
   * The operator puts a tenant on an API plan (the caller checks the name against the configured
   * plans). Every replica forgets the plan it had cached when this commits; the change is audited in
   * the tenant's chain.
   */
  async setApiPlan(ctx: RequestContext, slug: string, plan: string, by: string): Promise<{ tenant: TenantEntity; before: string | null }> {
    const { tenant, plan: before } = await this.apiPlan(ctx, slug);
    if (before === plan) return { tenant, before };
    await (await ctx.db()).query(
      `INSERT INTO tenant_api_plans (tenant_id, plan, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET plan = EXCLUDED.plan, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [tenant.id, plan, by],
    );
    await announceCredentialChange(ctx, { kind: 'tenant_plan', id: tenant.id });
    await this.audit.record(ctx.forTenant(tenant.id), { action: 'tenant.api_plan_changed', entityType: 'Tenant', entityId: tenant.id, before: { plan: before }, after: { plan } });
    return { tenant, before };
  }

  /** A lender admin changes its own settings. */
  async updateSettings(ctx: RequestContext, input: unknown): Promise<TenantEntity> {
    const parsed = tenantSettingsSchema.safeParse(input);
    if (!parsed.success) throw zodToBadInput(parsed.error, 'input');
    const tenant = await this.current(ctx);
    const def = this.parseDefinition({ ...definitionOf(tenant), settings: { ...(tenant.settings as TenantSettings), ...stripUndefined(parsed.data) } });
    return (await this.apply(ctx, def, null)).tenant;
  }
}

/** The definition a stored tenant corresponds to (what YAML would say). */
export function definitionOf(t: TenantEntity): TenantDefinition {
  return {
    slug: t.slug,
    name: t.name,
    legalName: t.legalName,
    country: t.country,
    jurisdiction: t.jurisdiction,
    baseCurrency: t.baseCurrency,
    timezone: t.timezone,
    locale: t.locale,
    status: t.status,
    rounding: { decimals: t.roundingDecimals, mode: t.roundingMode },
    settings: t.settings as TenantSettings,
  };
}

function definitionHash(def: TenantDefinition): string {
  const sorted = JSON.stringify(def, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  return createHash('sha256').update(sorted).digest('hex');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
