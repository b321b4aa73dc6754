import { generateApiKey, visiblePrefix } from '../../platform/auth/api-key-format';
import { announceCredentialChange } from '../../platform/auth/credential-changes';
import { uuidv7 } from '../../platform/db/ids';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, notFound } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { API_KEY_ROLES, type Role } from '../../platform/tenancy/roles';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { ApiKeyEntity, PlatformApiKeyEntity } from './api-key.entity';

export interface NewApiKey {
  name: string;
  role: Role;
  expiresAt?: Date | null;
  /** The agent an AGENT key belongs to (required for AGENT, refused for other roles). */
  agentId?: string | null;
}

/** The agents module, as far as keys need it: an AGENT key names an active agent. */
export interface AgentLookup {
  requireActive(ctx: RequestContext, id: string, field: string): Promise<unknown>;
}

/** A tenant's API keys: created (secret shown once), listed with their visible prefix, revoked. */
export class ApiKeyService {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
    private readonly agents: AgentLookup,
  ) {}

  async create(ctx: RequestContext, input: NewApiKey): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    const name = input.name.trim();
    if (!name || name.length > 100) throw badInput('input.name', 'name must be 1-100 characters');
    if (!API_KEY_ROLES.includes(input.role)) throw badInput('input.role', `an API key cannot carry role ${input.role}; allowed: ${API_KEY_ROLES.join(', ')}`);
    if (input.role === 'AGENT') {
      if (!input.agentId) throw badInput('input.agentId', 'an AGENT key belongs to an agent: createAgent first and name it here');
      await this.agents.requireActive(ctx, input.agentId, 'input.agentId');
    } else if (input.agentId) throw badInput('input.agentId', 'only an AGENT key belongs to an agent');
    const tenant = await this.tenants.current(ctx);
    if (input.expiresAt) {
      if (input.expiresAt.getTime() <= Date.now()) throw badInput('input.expiresAt', 'expiresAt must be in the future');
      const maxDays = (tenant.settings as { apiKeyMaxTtlDays?: number }).apiKeyMaxTtlDays;
      if (maxDays && input.expiresAt.getTime() > Date.now() + maxDays * 86_400_000) {
        throw badInput('input.expiresAt', `the tenant allows keys of at most ${maxDays} days`);
      }
    }
    const generated = generateApiKey(tenant.slug);
    const apiKey = Object.assign(new ApiKeyEntity(), {
      tenantId: ctx.tenant,
      id: uuidv7(),
      name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      role: input.role,
      createdByType: ctx.actor.type,
      createdById: ctx.actor.id,
      createdAt: new Date(),
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
      agentId: input.role === 'AGENT' ? input.agentId! : null,
    });
    await (await ctx.db()).getRepository(ApiKeyEntity).insert(apiKey);
    await this.audit.record(ctx, { action: 'apiKey.created', entityType: 'ApiKey', entityId: apiKey.id, after: { name, role: input.role, agentId: apiKey.agentId, prefix: visiblePrefix(tenant.slug, generated.prefix), expiresAt: apiKey.expiresAt } });
    return { apiKey, secret: generated.key };
  }

  async list(ctx: RequestContext, args: PageArgs & { includeRevoked?: boolean }): Promise<Connection<ApiKeyEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(ApiKeyEntity).createQueryBuilder('k').orderBy('k.id', 'ASC').limit(size + 1);
    if (args.after) qb.andWhere('k.id > :after', { after: decodeCursor(args.after) });
    if (!args.includeRevoked) qb.andWhere('k.revoked_at IS NULL');
    return toConnection(await qb.getMany(), size, (k) => k.id, Boolean(args.after));
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiKeyEntity> {
    const repo = (await ctx.db()).getRepository(ApiKeyEntity);
    const key = await repo.createQueryBuilder('k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
    if (!key) throw notFound('ApiKey', id);
    if (key.revokedAt) return key;
    key.revokedAt = new Date();
    await repo.update({ tenantId: key.tenantId, id: key.id }, { revokedAt: key.revokedAt });
    // Open subscriptions on this key close when the revocation commits, on every replica.
    await announceCredentialChange(ctx, { kind: 'api_key', id: key.id });
    await this.audit.record(ctx, { action: 'apiKey.revoked', entityType: 'ApiKey', entityId: key.id, before: { revokedAt: null }, after: { revokedAt: key.revokedAt } });
    return key;
  }

  /** An operator key; only the CLI (platform context) creates these. */
  async createPlatformKey(ctx: RequestContext, name: string): Promise<string> {
    if (!ctx.platform) throw new Error('platform keys are created in the platform context only');
    const generated = generateApiKey('platform');
    await (await ctx.db()).getRepository(PlatformApiKeyEntity).insert({
      id: uuidv7(), name, prefix: generated.prefix, secretHash: generated.secretHash, createdAt: new Date(), expiresAt: null, revokedAt: null, lastUsedAt: null,
    });
    return generated.key;
  }
}
