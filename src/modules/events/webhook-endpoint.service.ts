import { randomBytes } from 'node:crypto';
import { isEventTypePattern, isPrivateAddress } from '../../core/webhooks';
import { isUuid, uuidv7 } from '../../platform/db/ids';
import { badInput, conflict, notFound } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import { emitEvent } from '../../platform/events/outbox';

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  status: 'ACTIVE' | 'DISABLED';
  disabledReason: string | null;
  disabledAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookEndpointInput {
  url: string;
  description?: string | null;
  eventTypes?: string[] | null;
}

const COLUMNS = `id, url, description, event_types AS "eventTypes", status, disabled_reason AS "disabledReason", disabled_at AS "disabledAt",
  consecutive_failures AS "consecutiveFailures", created_at AS "createdAt", updated_at AS "updatedAt"`;
const SECRET_FIELD = 'webhookSecret';

/**
 * A tenant's webhook endpoints. The signing secret is generated here, shown once (on create and on
 * rotation) and kept encrypted with the tenant's data key: the sender needs it back to sign.
 */
export class WebhookEndpointService {
  constructor(private readonly deps: { ciphers: TenantCipherService; audit: AuditService; production: boolean; allowPrivateNetworks: boolean }) {}

  async create(ctx: RequestContext, input: WebhookEndpointInput): Promise<{ endpoint: WebhookEndpointRow; signingSecret: string }> {
    const url = this.checkUrl(input.url);
    const eventTypes = this.checkTypes(input.eventTypes ?? []);
    const secret = newSecret();
    const id = uuidv7();
    const sealed = (await this.deps.ciphers.cipher(ctx)).encrypt(SECRET_FIELD, secret);
    await (await ctx.db()).query(
      'INSERT INTO webhook_endpoints (tenant_id, id, url, description, event_types, secret_enc) VALUES ($1, $2, $3, $4, $5, $6)',
      [ctx.tenant, id, url, input.description ?? null, eventTypes, sealed],
    );
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.created', entityType: 'WebhookEndpoint', entityId: id, after: { url, eventTypes } });
    return { endpoint: await this.byIdOrThrow(ctx, id), signingSecret: secret };
  }

  async update(ctx: RequestContext, id: string, input: WebhookEndpointInput): Promise<WebhookEndpointRow> {
    const before = await this.byIdOrThrow(ctx, id);
    const url = this.checkUrl(input.url);
    const eventTypes = this.checkTypes(input.eventTypes ?? []);
    await (await ctx.db()).query('UPDATE webhook_endpoints SET url = $2, description = $3, event_types = $4, updated_at = now() WHERE id = $1', [id, url, input.description ?? null, eventTypes]);
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.updated', entityType: 'WebhookEndpoint', entityId: id, before: { url: before.url, eventTypes: before.eventTypes }, after: { url, eventTypes } });
    return this.byIdOrThrow(ctx, id);
  }

  /** A new secret; the old one stops signing at once (receivers accept either during their own rollout). */
  async rotateSecret(ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpointRow; signingSecret: string }> {
    await this.byIdOrThrow(ctx, id);
    const secret = newSecret();
    const sealed = (await this.deps.ciphers.cipher(ctx)).encrypt(SECRET_FIELD, secret);
    await (await ctx.db()).query('UPDATE webhook_endpoints SET secret_enc = $2, updated_at = now() WHERE id = $1', [id, sealed]);
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.secretRotated', entityType: 'WebhookEndpoint', entityId: id });
    return { endpoint: await this.byIdOrThrow(ctx, id), signingSecret: secret };
  }

  /** Re-enables an endpoint: its failure count starts again and its waiting deliveries go out, in order. */
  async enable(ctx: RequestContext, id: string): Promise<WebhookEndpointRow> {
    await this.byIdOrThrow(ctx, id);
    const em = await ctx.db();
    await em.query("UPDATE webhook_endpoints SET status = 'ACTIVE', disabled_reason = NULL, disabled_at = NULL, consecutive_failures = 0, updated_at = now() WHERE id = $1", [id]);
    await em.query("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = $1 AND status = 'PENDING'", [id]);
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.enabled', entityType: 'WebhookEndpoint', entityId: id });
    return this.byIdOrThrow(ctx, id);
  }

  /** Stops sending to the endpoint; events keep queueing for it until it is enabled again. */
  async disable(ctx: RequestContext, id: string, reason: string): Promise<WebhookEndpointRow> {
    const endpoint = await this.byIdOrThrow(ctx, id);
    if (endpoint.status === 'DISABLED') throw conflict('The endpoint is already disabled');
    await (await ctx.db()).query("UPDATE webhook_endpoints SET status = 'DISABLED', disabled_reason = $2, disabled_at = now(), updated_at = now() WHERE id = $1", [id, reason]);
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.disabled', entityType: 'WebhookEndpoint', entityId: id, after: { reason } });
    await emitEvent(ctx, { type: 'webhook_endpoint.disabled', subjectType: 'WebhookEndpoint', subjectId: id, data: { endpointId: id, url: endpoint.url, reason } });
    return this.byIdOrThrow(ctx, id);
  }

  async remove(ctx: RequestContext, id: string): Promise<boolean> {
    const endpoint = await this.byIdOrThrow(ctx, id);
    await (await ctx.db()).query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.deleted', entityType: 'WebhookEndpoint', entityId: id, before: { url: endpoint.url } });
    return true;
  }

  async list(ctx: RequestContext): Promise<WebhookEndpointRow[]> {
    return (await ctx.db()).query(`SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`);
  }

  async byId(ctx: RequestContext, id: string): Promise<WebhookEndpointRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await (await ctx.db()).query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id]);
    return row ?? null;
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<WebhookEndpointRow> {
    const row = await this.byId(ctx, id);
    if (!row) throw notFound('WebhookEndpoint', id);
    return row;
  }

  /** What the sender needs of an active endpoint, its signing secret included; null when it is gone or disabled. */
  async forSending(ctx: RequestContext, id: string): Promise<{ url: string; secret: string } | null> {
    const [row] = await (await ctx.db()).query("SELECT url, secret_enc FROM webhook_endpoints WHERE id = $1 AND status = 'ACTIVE'", [id]);
    if (!row) return null;
    return { url: row.url, secret: (await this.deps.ciphers.cipher(ctx)).decrypt(SECRET_FIELD, row.secret_enc) };
  }

  private checkUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw badInput('input.url', 'an absolute http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('input.url', 'an absolute http(s) URL');
    if (this.deps.production && url.protocol !== 'https:') throw badInput('input.url', 'must be https');
    if (url.username || url.password) throw badInput('input.url', 'must not carry credentials; verify our signature instead');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.deps.allowPrivateNetworks && (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))) {
      throw badInput('input.url', 'must be a public address (private, loopback and link-local ones are refused)');
    }
    if (url.toString().length > 2000) throw badInput('input.url', 'at most 2000 characters');
    return url.toString();
  }

  private checkTypes(types: string[]): string[] {
    const bad = types.find((t) => !isEventTypePattern(t));
    if (bad !== undefined) throw badInput('input.eventTypes', `"${bad}" is not an event type or pattern (e.g. loan.repayment_posted, loan.*, *)`);
    return [...new Set(types)];
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
