import { type CollectionChannel, type CollectionStage, MESSAGE_CHANNELS, type TemplateVariable, checkContact, firstAllowedTime, renderTemplate, templateFor } from '../../core/collections';
import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { CollectionPolicyService } from './collection-policy.service';
import { contactAttempt } from './conduct-check';
import { MESSENGERS } from './providers/messenger';
import type { AgencyPlacementService } from './agency-placements';

interface DueAction {
  id: string;
  caseId: string;
  channel: CollectionChannel;
  actionIndex: number;
  stage: CollectionStage;
  stageName: string;
  caseStatus: 'OPEN' | 'CLOSED';
  pausedUntil: Date | null;
  borrowerId: string;
  locale: string | null;
  values: Partial<Record<TemplateVariable, string>>;
  loanId: string;
}

/**
 * The platform's own collection actions (scheduled by close of business for each open case's
 * stage): messages rendered from the stage's templates in the borrower's language and sent through
 * the lender's messenger, each in the contact log and counted by the caps. An action the conduct
 * rules forbid now is rescheduled to the first time they allow (a refusal recorded as automatic);
 * one they will never allow is REFUSED. Calls and visits stay as tasks for the case's collector.
 */
export class CollectionActionService {
  constructor(private readonly deps: {
    policies: CollectionPolicyService; tenants: TenantDirectory; placements: AgencyPlacementService;
    cases: { assignOpenCases(ctx: RequestContext): Promise<number>; escalateOverdue(ctx: RequestContext): Promise<number> };
  }) {}

  async runDue(ctx: RequestContext, limit = 500): Promise<{ sent: number; rescheduled: number; refused: number; cancelled: number; assigned: number; escalated: number; placed: number; recalled: number }> {
    // Due placements go to their agencies and ended ones come back; cases nobody contacted in time go
    // to their stage's escalation team; then new, escalated and recalled cases go to their team's
    // members (round-robin by load, within capacity).
    const { placed, recalled } = await this.deps.placements.run(ctx);
    const escalated = await this.deps.cases.escalateOverdue(ctx);
    const assigned = await this.deps.cases.assignOpenCases(ctx);
    const tenant = await this.deps.tenants.current(ctx);
    const due: DueAction[] = await (await ctx.db()).query(
      `SELECT a.id, a.case_id AS "caseId", a.channel, a.action_index AS "actionIndex", cp.definition -> 'stages' -> a.stage_index AS stage, c.stage_name AS "stageName",
              c.status AS "caseStatus", c.paused_until AS "pausedUntil", c.borrower_id AS "borrowerId", b.locale, c.loan_id AS "loanId",
              json_build_object('loanId', l.id, 'currency', l.currency, 'amountOverdue', round(c.amount_overdue, l.money_decimals)::text,
                'totalOutstanding', round(l.total_outstanding, l.money_decimals)::text, 'dpd', c.dpd::text, 'nextDueDate', l.next_due_date::text,
                'oldestDueDate', l.oldest_unpaid_due_date::text, 'instalment', l.schedule -> 0 ->> 'total', 'lender', $2::text) AS values
       FROM collection_actions a
       JOIN collection_cases c ON c.tenant_id = a.tenant_id AND c.id = a.case_id
       JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
       JOIN borrowers b ON b.tenant_id = c.tenant_id AND b.id = c.borrower_id
       JOIN loans l ON l.tenant_id = c.tenant_id AND l.id = c.loan_id
       WHERE a.status = 'PENDING' AND a.due_at <= now() AND a.channel = ANY($3::text[])
       ORDER BY a.due_at, a.id LIMIT $1 FOR UPDATE OF a SKIP LOCKED`,
      [limit, tenant.name, MESSAGE_CHANNELS],
    );
    const conduct = await this.deps.policies.conduct(ctx);
    const messenger = MESSENGERS[conduct.messageProvider ?? 'SANDBOX'];
    const count = { sent: 0, rescheduled: 0, refused: 0, cancelled: 0, assigned, escalated, placed, recalled };
    for (const a of due) {
      if (a.caseStatus !== 'OPEN') {
        ctx.writes.add("UPDATE collection_actions SET status = 'CANCELLED', done_at = now() WHERE id = $1", [a.id]);
        count.cancelled++;
        continue;
      }
      const at = new Date();
      const action = a.stage.actions[a.actionIndex];
      const locale = a.locale ?? tenant.locale;
      const text = renderTemplate(templateFor(action?.templates ?? {}, locale) ?? '', a.values);
      // The contacts this run sent before are in the log already (staged writes go before the next read).
      const attempt = await contactAttempt(ctx, this.deps.tenants, conduct, { id: a.caseId, borrower_id: a.borrowerId, stage: a.stage, paused_until: a.pausedUntil },
        { at, channel: a.channel, party: 'BORROWER', partyConsented: false, disclosesDebt: false, text });
      const allowed = firstAllowedTime(conduct, attempt);
      if (!allowed || allowed.getTime() > at.getTime()) {
        const refused = checkContact(conduct, attempt);
        const rule = refused.allowed ? 'CONTACT_CAP' : refused.rule;
        ctx.writes.add('INSERT INTO collection_refusals (tenant_id, id, case_id, rule, channel, automatic, allowed_at, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8)',
          [ctx.tenant, uuidv7(), a.caseId, rule, a.channel, allowed, 'SYSTEM', 'collections']);
        if (allowed) {
          ctx.writes.add('UPDATE collection_actions SET due_at = $2, refused_rule = $3 WHERE id = $1', [a.id, allowed, rule]);
          count.rescheduled++;
        } else {
          ctx.writes.add("UPDATE collection_actions SET status = 'REFUSED', refused_rule = $2, done_at = now() WHERE id = $1", [a.id, rule]);
          count.refused++;
        }
        continue;
      }
      const contactId = uuidv7();
      ctx.writes.add(
        `INSERT INTO collection_contacts (tenant_id, id, case_id, borrower_id, channel, direction, party, outcome, message, automatic, actor_type, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, 'OUTBOUND', 'BORROWER', 'SENT', $6, true, 'SYSTEM', $7, $8)`,
        [ctx.tenant, contactId, a.caseId, a.borrowerId, a.channel, text, `collections:${messenger.name.toLowerCase()}`, at],
      );
      ctx.writes.add("UPDATE collection_actions SET status = 'DONE', contact_id = $2, done_at = $3 WHERE id = $1", [a.id, contactId, at]);
      messenger.send(ctx, { purpose: 'COLLECTION', caseId: a.caseId, loanId: a.loanId, borrowerId: a.borrowerId, contactId, channel: a.channel, locale, text });
      count.sent++;
    }
    return count;
  }
}
