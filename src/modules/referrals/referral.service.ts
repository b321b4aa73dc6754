import { type AttributionRules, DEFAULT_ATTRIBUTION, attributeApplication, attributionProblems, judgeReferral } from '../../core/agents';
import { queryPrepared } from '../../platform/db/prepared';
import { badInput, forbidden } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import { uuidv7 } from '../../platform/db/ids';
import { SqlWhere } from '../../platform/db/sql-where';
import { emitEvent } from '../../platform/events/outbox';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../platform/tenancy/request-context';

export interface ReferralInput {
  borrower: { fullName: string; nationalId: string; phone?: string | null };
  productCode?: string | null;
  amount?: string | null;
  note?: string | null;
  consent: boolean;
}

export interface ReferralRow {
  id: string;
  agentId: string | null;
  referrerBorrowerId: string | null;
  fullName: string;
  nationalIdLast4: string;
  productCode: string | null;
  amount: string | null;
  note: string | null;
  status: 'OPEN' | 'CONVERTED' | 'REJECTED_DUPLICATE' | 'REJECTED_RETURNING' | 'SUPERSEDED';
  applicationId: string | null;
  consentAt: Date;
  createdAt: Date;
  expiresAt: Date;
}

/** Who an application is credited to, by the lender's attribution rules. */
export interface Attribution {
  agentId: string | null;
  referrerBorrowerId: string | null;
  referralId: string | null;
}

const SELECT = `SELECT r.id, r.agent_id AS "agentId", r.referrer_borrower_id AS "referrerBorrowerId", r.full_name AS "fullName", r.national_id_last4 AS "nationalIdLast4",
  r.product_code AS "productCode", trim_scale(r.amount)::text AS amount, r.note, r.status, r.application_id AS "applicationId", r.consent_at AS "consentAt", r.created_at AS "createdAt",
  r.created_at + make_interval(days => $1::int) AS "expiresAt" FROM referrals r`;

/**
 * Referrals before applications: an agent names a person (who consented to be contacted) and what
 * they want; the person is found again by their national ID's blind index, so a person another agent
 * referred within the attribution window is a duplicate (first touch) or passes to the newer
 * referrer (last touch), and a returning customer credits nobody unless the lender says so. An
 * application made later for that person is credited accordingly (the referral CONVERTED); otherwise
 * a referral code quoted on the application (an agent's, or a borrower's own) credits its owner.
 */
export class ReferralService {
  constructor(private readonly deps: { ciphers: TenantCipherService; audit: AuditService; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  async rules(ctx: RequestContext): Promise<AttributionRules> {
    const [row] = await (await ctx.db()).query('SELECT model, window_days AS "windowDays", returning_customer AS "returningCustomer" FROM attribution_rules');
    return row ?? DEFAULT_ATTRIBUTION;
  }

  async setRules(ctx: RequestContext, input: AttributionRules, root = 'input'): Promise<{ rules: AttributionRules; changed: boolean }> {
    const problems = attributionProblems(input);
    if (problems.length) throw badInput(`${root}.${problems[0].field}`, problems[0].message);
    const before = await this.rules(ctx);
    const rules = { model: input.model, windowDays: input.windowDays, returningCustomer: input.returningCustomer };
    const [had] = await (await ctx.db()).query('SELECT 1 FROM attribution_rules');
    if (had && JSON.stringify(before) === JSON.stringify(rules)) return { rules, changed: false };
    await (await ctx.db()).query(
      `INSERT INTO attribution_rules (tenant_id, model, window_days, returning_customer) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET model = EXCLUDED.model, window_days = EXCLUDED.window_days, returning_customer = EXCLUDED.returning_customer, updated_at = now()`,
      [ctx.tenant, rules.model, rules.windowDays, rules.returningCustomer]);
    await this.deps.audit.record(ctx, { action: 'attributionRules.set', entityType: 'AttributionRules', entityId: ctx.tenant, before, after: rules });
    return { rules, changed: true };
  }

  /** An agent's referral of a person (an agent's key). Always stored: a duplicate or returning customer comes back with that status. */
  async submit(ctx: RequestContext, input: ReferralInput): Promise<ReferralRow> {
    const agentId = ctx.agentId;
    if (!agentId) throw forbidden('Only an agent’s key submits referrals');
    if (!input.consent) throw badInput('input.consent', 'the person must agree to be contacted about the loan before they are referred');
    const fullName = input.borrower.fullName.trim();
    if (!fullName || fullName.length > 200) throw badInput('input.borrower.fullName', 'a name of 1-200 characters');
    const nationalId = input.borrower.nationalId.replace(/\s/g, '');
    if (nationalId.length < 4 || nationalId.length > 40) throw badInput('input.borrower.nationalId', 'a national ID of 4-40 characters');
    if (input.borrower.phone && !/^\+?[0-9 ()-]{5,20}$/.test(input.borrower.phone)) throw badInput('input.borrower.phone', 'a phone number');
    if (input.amount !== undefined && input.amount !== null && !(/^\d+(\.\d+)?$/.test(input.amount) && new Dec(input.amount).gt(0))) throw badInput('input.amount', 'a positive amount');
    if (input.note && input.note.length > 1000) throw badInput('input.note', 'at most 1000 characters');
    const em = await ctx.db();
    if (input.productCode && !(await em.query('SELECT 1 FROM loan_products WHERE code = $1', [input.productCode])).length) throw badInput('input.productCode', `no product ${input.productCode}`);
    const cipher = await this.deps.ciphers.cipher(ctx);
    const bidx = cipher.blindIndex('nationalId', nationalId);
    const rules = await this.rules(ctx);
    const now = new Date();
    // One referral of a person at a time: later ones wait for this transaction.
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`referral:${ctx.tenant}:${bidx}`]);
    const [person] = await em.query(
      `SELECT b.id, EXISTS (SELECT 1 FROM loans l WHERE l.tenant_id = b.tenant_id AND l.borrower_id = b.id) AS returning FROM borrowers b WHERE b.national_id_bidx = $1`, [bidx]);
    const standing: { id: string; referrer: string; at: Date }[] = await em.query(
      `SELECT id, coalesce(agent_id::text, referrer_borrower_id::text) AS referrer, created_at AS at FROM referrals WHERE national_id_bidx = $1 AND status = 'OPEN'`, [bidx]);
    const verdict = judgeReferral(rules, { referrer: agentId, at: now, returning: Boolean(person?.returning) }, standing);
    const id = uuidv7();
    await em.query(
      `INSERT INTO referrals (tenant_id, id, agent_id, national_id_bidx, national_id_last4, full_name, phone_enc, phone_last4, product_code, amount, note, consent_at, status, held_by, borrower_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [ctx.tenant, id, agentId, bidx, nationalId.slice(-4), fullName, input.borrower.phone ? cipher.encrypt('phone', input.borrower.phone) : null,
        input.borrower.phone ? input.borrower.phone.replace(/\s/g, '').slice(-4) : null, input.productCode ?? null, input.amount ?? null, input.note ?? null, now, verdict.status,
        verdict.status === 'REJECTED_DUPLICATE' ? verdict.heldBy : null, person?.id ?? null]);
    if (verdict.status === 'OPEN' && verdict.supersedes.length) {
      await em.query("UPDATE referrals SET status = 'SUPERSEDED', updated_at = now() WHERE id = ANY($1::uuid[])", [verdict.supersedes]);
    }
    await emitEvent(ctx, { type: `referral.${verdict.status.toLowerCase()}`, subjectType: 'Referral', subjectId: id, agentId, data: { referralId: id, agentId, status: verdict.status, productCode: input.productCode ?? null } });
    return this.byIdOrThrow(ctx, id);
  }

  /** Referrals, newest first (an agent's key: its own and its sub-agents'). */
  async list(ctx: RequestContext, args: PageArgs & { agentId?: string | null; status?: string | null }): Promise<Connection<ReferralRow>> {
    const size = pageSize(args, this.deps.limits);
    const rules = await this.rules(ctx);
    const where = new SqlWhere();
    where.bind(rules.windowDays);
    if (ctx.referringAgent) where.and(`r.agent_id::text IN ${agentSubtreeSql('?')}`, ctx.referringAgent);
    if (args.after) where.and('r.id < ?', decodeCursor(args.after));
    if (args.agentId) where.and('r.agent_id::text = ?', args.agentId);
    if (args.status) where.and('r.status = ?', args.status);
    const rows = await (await ctx.db()).query(`${SELECT} ${where.sql} ORDER BY r.id DESC LIMIT ${where.bind(size + 1)}`, where.params);
    return toConnection(rows as ReferralRow[], size, (r) => r.id, Boolean(args.after));
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<ReferralRow> {
    const page = await (await ctx.db()).query(`${SELECT} WHERE r.id = $2`, [(await this.rules(ctx)).windowDays, id]);
    if (!page.length) throw badInput('id', `no referral ${id}`);
    return page[0];
  }

  /**
   * Who an application for a borrower is credited to: the referral standing for the person (which
   * converts), else the referral code quoted (an active agent's, or another borrower's own); never a
   * returning customer under NO_CREDIT. An unknown code is BAD_USER_INPUT on `field`.
   */
  async attribute(ctx: RequestContext, input: { borrowerId: string; nationalIdBidx: string | null; referralCode: string | null; field: string }): Promise<Attribution> {
    const em = await ctx.db();
    let quoted: { agentId: string | null; borrowerId: string | null } | null = null;
    if (input.referralCode) {
      const code = input.referralCode.trim().toUpperCase();
      const [agent] = await em.query("SELECT id::text FROM agents WHERE referral_code = $1 AND status = 'ACTIVE'", [code]);
      const [friend] = agent ? [] : await em.query('SELECT id::text FROM borrowers WHERE referral_code = $1 AND id <> $2', [code, input.borrowerId]);
      if (!agent && !friend) throw badInput(input.field, `no active agent or borrower has referral code ${code}`);
      quoted = { agentId: agent?.id ?? null, borrowerId: friend?.id ?? null };
    }
    // The tenant's rules, whether the person is a returning customer, and the open referrals of the
    // person (locked: the one converted is this transaction's), in one statement.
    const [row] = await queryPrepared<{ rules: AttributionRules | null; returning: boolean; standing: { id: string; referrer: string; at: string; agentId: string | null; borrowerId: string | null }[] }>(
      em,
      `WITH standing AS (
         SELECT id, coalesce(agent_id::text, referrer_borrower_id::text) AS referrer, created_at AS at, agent_id::text AS "agentId", referrer_borrower_id::text AS "borrowerId"
         FROM referrals WHERE $2::text IS NOT NULL AND national_id_bidx = $2 AND status = 'OPEN' FOR UPDATE)
       SELECT (SELECT json_build_object('model', model, 'windowDays', window_days, 'returningCustomer', returning_customer) FROM attribution_rules) AS rules,
              EXISTS (SELECT 1 FROM loans WHERE borrower_id = $1) AS returning,
              coalesce((SELECT json_agg(s ORDER BY s.at, s.id) FROM standing s), '[]') AS standing`,
      [input.borrowerId, input.nationalIdBidx],
    );
    const rules = row.rules ?? DEFAULT_ATTRIBUTION;
    const returning = row.returning;
    const standing = row.standing.map((s) => ({ ...s, at: new Date(s.at) }));
    const quotedRef = quoted ? (quoted.agentId ?? quoted.borrowerId) : null;
    const winner = attributeApplication(rules, { at: new Date(), returning, quoted: quotedRef, standing });
    if (!winner) return { agentId: null, referrerBorrowerId: null, referralId: null };
    const lead = standing.find((s) => s.referrer === winner);
    if (lead) return { agentId: lead.agentId, referrerBorrowerId: lead.borrowerId, referralId: lead.id };
    return { agentId: quoted?.agentId ?? null, referrerBorrowerId: quoted?.borrowerId ?? null, referralId: null };
  }

  /** The referral an application came from is converted (and linked to it and its borrower). */
  async converted(ctx: RequestContext, referralId: string, applicationId: string, borrowerId: string): Promise<void> {
    await (await ctx.db()).query("UPDATE referrals SET status = 'CONVERTED', application_id = $2, borrower_id = $3, updated_at = now() WHERE id = $1", [referralId, applicationId, borrowerId]);
  }
}
