import { randomInt } from 'node:crypto';
import { OFFER_TEMPLATE_VARIABLES, checkContact, firstAllowedTime, renderTemplate, templateFor, unknownVariables } from '../../core/collections';
import type { CrossSellKind } from '../../core/cross-sell';
import { badInput, notFound } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { AuditService } from '../../platform/audit/audit.service';
import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { type CollectionPolicyService, MESSENGERS } from '../collections';
import type { CrossSellCandidates } from './cross-sell-candidates';

export const CAMPAIGN_CHANNELS = ['SMS', 'EMAIL', 'PUSH'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export interface CampaignInput {
  name: string;
  kind: CrossSellKind;
  audience?: { minScore?: string | null; segment?: string | null; region?: string | null; maxSize?: number | null } | null;
  channel: CampaignChannel;
  templates: { locale: string; text: string }[];
  startsAt: Date;
  endsAt: Date;
  controlShare?: string | null;
  idempotencyKey: string;
}

export interface Campaign {
  id: string; name: string; kind: CrossSellKind; channel: CampaignChannel; status: string; startsAt: Date; endsAt: Date; controlShare: string;
  audience: Record<string, unknown>; templates: { locale: string; text: string }[]; treatment: number; control: number; ruleId: string | null; modelVersion: number | null; createdAt: Date;
}

export interface ArmResults { size: number; reached: number; opened: number; applied: number; disbursed: number; appliedRate: string; conversion: string; revenue: string }

const SELECT = `SELECT c.id, c.name, c.kind, c.channel, CASE WHEN c.status = 'CANCELLED' THEN c.status WHEN now() >= c.ends_at THEN 'ENDED' WHEN now() >= c.starts_at THEN 'RUNNING' ELSE 'SCHEDULED' END AS status,
  c.starts_at AS "startsAt", c.ends_at AS "endsAt", trim_scale(c.control_share)::text AS "controlShare", c.audience, c.templates, c.rule_id AS "ruleId", c.model_version AS "modelVersion", c.created_at AS "createdAt",
  (SELECT count(*) FROM campaign_members m WHERE m.tenant_id = c.tenant_id AND m.campaign_id = c.id AND m.arm = 'TREATMENT')::int AS treatment,
  (SELECT count(*) FROM campaign_members m WHERE m.tenant_id = c.tenant_id AND m.campaign_id = c.id AND m.arm = 'CONTROL')::int AS control
FROM campaigns c`;

/**
 * Campaigns to existing borrowers: an audience of eligible candidates who agreed to marketing (and
 * have no open collection case), split at random into a treatment group that gets the pre-approved
 * offer and a held-out control group that does not, so the uplift is measured, not assumed. Messages
 * go through the lender's collections messenger under its conduct rules (quiet hours on the
 * borrower's clock, daily and weekly caps counted over campaign messages), each due member when it
 * may be reached.
 */
export class CampaignService {
  constructor(private readonly deps: { candidates: CrossSellCandidates; policies: CollectionPolicyService; tenants: TenantDirectory; audit: AuditService }) {}

  async create(ctx: RequestContext, input: CampaignInput): Promise<Campaign> {
    this.check(input);
    const em = await ctx.db();
    const [existing] = await em.query('SELECT id FROM campaigns WHERE idempotency_key = $1', [input.idempotencyKey]);
    if (existing) return this.byId(ctx, existing.id);
    const audience = input.audience ?? {};
    const { rule, candidates } = await this.deps.candidates.all(ctx, input.kind, { minScore: audience.minScore ?? null });
    const fact = (c: (typeof candidates)[number], name: string) => c.facts.find((f) => f.name === name)?.value ?? null;
    let members = candidates.filter((c) => fact(c, 'marketingConsent') === 'true' && fact(c, 'openCollectionCase') !== 'true'
      && (!audience.segment || fact(c, 'segment') === audience.segment) && (!audience.region || fact(c, 'region') === audience.region));
    if (audience.maxSize) members = members.slice(0, audience.maxSize);
    // The control group: a uniformly random subset of the share asked for (Fisher-Yates with a cryptographic source).
    const share = new Dec(input.controlShare ?? '0.1');
    const order = members.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const control = new Set(order.slice(0, share.times(members.length).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber()));
    const id = uuidv7();
    const model = candidates[0]?.modelVersion ?? null;
    await em.query(
      `INSERT INTO campaigns (tenant_id, id, name, kind, audience, offer, channel, templates, control_share, starts_at, ends_at, rule_id, model_version, idempotency_key, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [ctx.tenant, id, input.name, input.kind, JSON.stringify(audience), JSON.stringify({ productCode: rule.definition.productCode, amountMultiple: rule.definition.amountMultiple, validDays: rule.definition.validDays }),
        input.channel, JSON.stringify(input.templates), share.toFixed(), input.startsAt, input.endsAt, rule.id, model, input.idempotencyKey, ctx.actor.type, ctx.actor.id]);
    if (members.length) {
      await em.query(
        `INSERT INTO campaign_members (tenant_id, campaign_id, borrower_id, arm, score, offer, locale, next_attempt_at)
         SELECT $1, $2, m.borrower_id, m.arm, m.score, m.offer, coalesce(b.locale, $4), CASE WHEN m.arm = 'TREATMENT' THEN $5::timestamptz END
         FROM jsonb_to_recordset($3::jsonb) AS m (borrower_id uuid, arm text, score numeric, offer jsonb)
         JOIN borrowers b ON b.tenant_id = $1 AND b.id = m.borrower_id`,
        [ctx.tenant, id, JSON.stringify(members.map((c, i) => ({ borrower_id: c.borrowerId, arm: control.has(i) ? 'CONTROL' : 'TREATMENT', score: c.score, offer: c.offer }))),
          (await this.deps.tenants.current(ctx)).locale, input.startsAt]);
    }
    await this.deps.audit.record(ctx, { action: 'campaign.created', entityType: 'Campaign', entityId: id, before: null, after: { ...input, members: members.length, control: control.size } });
    await this.deliverDue(ctx);
    return this.byId(ctx, id);
  }

  /**
   * Sends each running campaign's due offers: the rendered message through the lender's messenger
   * when the conduct rules allow it now, else at the first time they do (never, past the campaign's end).
   */
  async deliverDue(ctx: RequestContext, limit = 1000): Promise<{ sent: number; rescheduled: number; refused: number }> {
    const em = await ctx.db();
    const due: { campaignId: string; borrowerId: string; channel: CampaignChannel; templates: { locale: string; text: string }[]; locale: string; offer: Record<string, string>; endsAt: Date; timezone: string | null }[] = await em.query(
      `SELECT m.campaign_id AS "campaignId", m.borrower_id AS "borrowerId", c.channel, c.templates, m.locale, m.offer, c.ends_at AS "endsAt", b.timezone
       FROM campaign_members m JOIN campaigns c ON c.tenant_id = m.tenant_id AND c.id = m.campaign_id JOIN borrowers b ON b.tenant_id = m.tenant_id AND b.id = m.borrower_id
       WHERE m.reached_at IS NULL AND m.next_attempt_at <= now() AND c.status <> 'CANCELLED' AND c.ends_at > now()
       ORDER BY m.next_attempt_at, m.borrower_id LIMIT $1 FOR UPDATE OF m SKIP LOCKED`, [limit]);
    if (!due.length) return { sent: 0, rescheduled: 0, refused: 0 };
    const conduct = await this.deps.policies.conduct(ctx);
    const messenger = MESSENGERS[conduct.messageProvider ?? 'SANDBOX'];
    const tenant = await this.deps.tenants.current(ctx);
    const count = { sent: 0, rescheduled: 0, refused: 0 };
    for (const m of due) {
      const at = new Date();
      const text = renderTemplate(templateFor(Object.fromEntries(m.templates.map((t) => [t.locale, t.text])), m.locale) ?? m.templates[0].text, {
        amount: m.offer.amount, currency: m.offer.currency, product: m.offer.productCode, termCount: String(m.offer.termCount), apr: new Dec(m.offer.apr).times(100).toFixed(2), validUntil: m.offer.validUntil, lender: tenant.name,
      });
      // Campaign messages count against the caps among themselves (collections keep their own log).
      const [{ previous }] = await em.query(
        `SELECT coalesce(json_agg(json_build_object('at', x.reached_at, 'channel', c.channel)), '[]') AS previous FROM campaign_members x JOIN campaigns c ON c.tenant_id = x.tenant_id AND c.id = x.campaign_id
         WHERE x.borrower_id = $1 AND x.reached_at > $2::timestamptz - interval '8 days'`, [m.borrowerId, at]);
      const attempt = { at, channel: m.channel, party: 'BORROWER' as const, partyConsented: false, disclosesDebt: false, text, timeZone: m.timezone ?? tenant.timezone,
        stageChannels: [m.channel], previous: (previous as { at: string; channel: CampaignChannel }[]).map((p) => ({ at: new Date(p.at), channel: p.channel })), coolingOffUntil: null };
      const allowed = firstAllowedTime(conduct, attempt);
      if (!allowed || allowed.getTime() > at.getTime()) {
        const verdict = checkContact(conduct, attempt);
        const rule = verdict.allowed ? 'CONTACT_CAP' : verdict.rule;
        if (allowed && allowed < new Date(m.endsAt)) {
          ctx.writes.add('UPDATE campaign_members SET next_attempt_at = $3, refused_rule = $4 WHERE campaign_id = $1 AND borrower_id = $2', [m.campaignId, m.borrowerId, allowed, rule]);
          count.rescheduled++;
        } else {
          ctx.writes.add('UPDATE campaign_members SET next_attempt_at = NULL, refused_rule = $3 WHERE campaign_id = $1 AND borrower_id = $2', [m.campaignId, m.borrowerId, rule]);
          count.refused++;
        }
        continue;
      }
      // Staged with the message: the next member's read of earlier contacts sees it (staged writes go before the next read).
      ctx.writes.add('UPDATE campaign_members SET reached_at = $3, message = $4, next_attempt_at = NULL, refused_rule = NULL WHERE campaign_id = $1 AND borrower_id = $2', [m.campaignId, m.borrowerId, at, text]);
      messenger.send(ctx, { purpose: 'CAMPAIGN', campaignId: m.campaignId, borrowerId: m.borrowerId, channel: m.channel, locale: m.locale, text, offer: m.offer });
      count.sent++;
    }
    return count;
  }

  /** The borrower opened the offer (from the front-end): recorded once, the first time. */
  async opened(ctx: RequestContext, campaignId: string, borrowerId: string | null): Promise<{ campaignId: string; borrowerId: string; openedAt: Date }> {
    const who = ctx.borrowerId ?? borrowerId;
    if (!who) throw badInput('borrowerId', 'the borrower who opened the offer');
    const [row] = await (await ctx.db()).query(
      `WITH u AS (UPDATE campaign_members SET opened_at = coalesce(opened_at, now()) WHERE campaign_id = $1 AND borrower_id = $2 AND arm = 'TREATMENT' AND reached_at IS NOT NULL
       RETURNING campaign_id AS "campaignId", borrower_id AS "borrowerId", opened_at AS "openedAt") SELECT * FROM u`, [campaignId, who]);
    if (!row) throw notFound('CampaignOffer', `${campaignId}/${who}`);
    return row;
  }

  async list(ctx: RequestContext): Promise<Campaign[]> {
    return (await ctx.db()).query(`${SELECT} ORDER BY c.created_at DESC, c.id DESC`);
  }

  async byId(ctx: RequestContext, id: string): Promise<Campaign> {
    const [row] = await (await ctx.db()).query(`${SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw notFound('Campaign', id);
    return row;
  }

  /**
   * Each arm's figures: reached and opened (treatment), applied (an application by the member
   * between the campaign's start and end), disbursed (such an application's loan), their rates over
   * the arm's size, and revenue (interest and fees collected so far on those loans); the uplift is
   * the treatment's conversion less the control's. Applications count from the campaign's start, or
   * its creation when it started before (a campaign causes nothing before it exists).
   */
  async results(ctx: RequestContext, id: string): Promise<{ campaign: Campaign; treatment: ArmResults; control: ArmResults; uplift: string; appliedUplift: string }> {
    const campaign = await this.byId(ctx, id);
    const rows: (Omit<ArmResults, 'appliedRate' | 'conversion'> & { arm: string })[] = await (await ctx.db()).query(
      `WITH apps AS (
         SELECT m.arm, m.borrower_id, a.id AS application_id, l.id AS loan_id
         FROM campaign_members m
         JOIN campaigns c ON c.tenant_id = m.tenant_id AND c.id = m.campaign_id
         JOIN applications a ON a.tenant_id = c.tenant_id AND a.tenant_id = m.tenant_id AND a.borrower_id = m.borrower_id AND a.created_at >= GREATEST(c.starts_at, c.created_at) AND a.created_at < c.ends_at
         LEFT JOIN loans l ON l.tenant_id = a.tenant_id AND l.application_id = a.id
         WHERE m.campaign_id = $1
       ), revenue AS (
         SELECT x.arm, sum(coalesce((p.allocation ->> 'interest')::numeric, 0) + coalesce((p.allocation ->> 'fees')::numeric, 0)) AS amount
         FROM (SELECT DISTINCT arm, loan_id FROM apps WHERE loan_id IS NOT NULL) x JOIN loan_postings p ON p.tenant_id = $2 AND p.loan_id = x.loan_id GROUP BY x.arm
       )
       SELECT arms.arm, count(m.borrower_id)::int AS size, count(m.reached_at)::int AS reached, count(m.opened_at)::int AS opened,
         (SELECT count(DISTINCT borrower_id) FROM apps WHERE apps.arm = arms.arm)::int AS applied,
         (SELECT count(DISTINCT borrower_id) FROM apps WHERE apps.arm = arms.arm AND loan_id IS NOT NULL)::int AS disbursed,
         coalesce((SELECT amount FROM revenue WHERE revenue.arm = arms.arm), 0)::text AS revenue
       FROM (VALUES ('TREATMENT'), ('CONTROL')) AS arms (arm)
       LEFT JOIN campaign_members m ON m.tenant_id = $2 AND m.campaign_id = $1 AND m.arm = arms.arm
       GROUP BY arms.arm`, [id, ctx.tenant]);
    const arm = (name: string): ArmResults => {
      const r = rows.find((x) => x.arm === name)!;
      const rate = (n: number) => (r.size ? new Dec(n).div(r.size).toDecimalPlaces(4).toFixed(4) : '0.0000');
      return { size: r.size, reached: r.reached, opened: r.opened, applied: r.applied, disbursed: r.disbursed, appliedRate: rate(r.applied), conversion: rate(r.disbursed), revenue: new Dec(r.revenue).toFixed(2) };
    };
    const treatment = arm('TREATMENT');
    const control = arm('CONTROL');
    return { campaign, treatment, control, uplift: new Dec(treatment.conversion).minus(control.conversion).toFixed(4), appliedUplift: new Dec(treatment.appliedRate).minus(control.appliedRate).toFixed(4) };
  }

  private check(input: CampaignInput): void {
    if (!input.name.trim() || input.name.length > 200) throw badInput('input.name', 'a name of 1 to 200 characters');
    if (!(CAMPAIGN_CHANNELS as readonly string[]).includes(input.channel)) throw badInput('input.channel', `one of ${CAMPAIGN_CHANNELS.join(', ')}`);
    if (!(input.endsAt > input.startsAt)) throw badInput('input.endsAt', 'after startsAt');
    if (input.endsAt.getTime() - input.startsAt.getTime() > 366 * 86_400_000) throw badInput('input.endsAt', 'at most a year after startsAt');
    if (input.controlShare !== undefined && input.controlShare !== null && (!/^\d+(\.\d+)?$/.test(input.controlShare) || new Dec(input.controlShare).gt('0.5'))) {
      throw badInput('input.controlShare', 'a share from 0 to 0.5 held out as the control group');
    }
    if (!input.templates.length) throw badInput('input.templates', 'at least one message template');
    input.templates.forEach((t, i) => {
      if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(t.locale)) throw badInput(`input.templates.${i}.locale`, 'a locale such as en or zh-CN');
      if (!t.text.trim() || t.text.length > 1000) throw badInput(`input.templates.${i}.text`, 'a message of 1 to 1000 characters');
      const unknown = unknownVariables(t.text, OFFER_TEMPLATE_VARIABLES);
      if (unknown.length) throw badInput(`input.templates.${i}.text`, `unknown placeholder ${unknown[0]}; use ${OFFER_TEMPLATE_VARIABLES.join(', ')}`);
    });
    if (input.audience?.maxSize !== undefined && input.audience?.maxSize !== null && (!Number.isInteger(input.audience.maxSize) || input.audience.maxSize < 1 || input.audience.maxSize > 1_000_000)) {
      throw badInput('input.audience.maxSize', 'from 1 to 1,000,000 borrowers');
    }
    if (!input.idempotencyKey.trim() || input.idempotencyKey.length > 200) throw badInput('input.idempotencyKey', 'a key of 1 to 200 characters');
  }
}
