import { isDeepStrictEqual } from 'node:util';
import { type CommissionPlanDefinition, commissionPlanProblems } from '../../core/agents';
import { badInput } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { uuidv7 } from '../../platform/db/ids';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { zodToBadInput } from '../tenancy';
import { asPlan, commissionPlanSchema } from './commissions-definition';

export interface StoredPlan {
  id: string;
  code: string;
  version: number;
  isCurrent: boolean;
  definition: CommissionPlanDefinition;
  createdAt: Date;
}

/** The lender's commission plans: versioned like products (a new version when the definition changes). */
export class CommissionPlanService {
  constructor(private readonly audit: AuditService) {}

  /** Validates and stores a plan; the same definition again changes nothing. `root` names the input in errors. */
  async setPlan(ctx: RequestContext, input: unknown, source = 'api', root = 'input'): Promise<{ plan: StoredPlan; outcome: 'created' | 'updated' | 'unchanged' }> {
    const parsed = commissionPlanSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const definition = asPlan(parsed.data);
    const problems = commissionPlanProblems(definition);
    if (problems.length) throw badInput(`${root}.${problems[0].field}`, problems[0].message, { issues: problems.map((p) => ({ field: `${root}.${p.field}`, message: p.message })) });
    const em = await ctx.db();
    const [current] = await em.query('SELECT id, version, definition FROM commission_plans WHERE code = $1 AND is_current FOR UPDATE', [definition.code]);
    if (current && isDeepStrictEqual(JSON.parse(JSON.stringify(current.definition)), JSON.parse(JSON.stringify(definition)))) {
      return { plan: (await this.plans(ctx, definition.code)).find((p) => p.isCurrent)!, outcome: 'unchanged' };
    }
    const id = uuidv7();
    const version = (current?.version ?? 0) + 1;
    if (current) await em.query('UPDATE commission_plans SET is_current = false WHERE id = $1', [current.id]);
    await em.query(
      'INSERT INTO commission_plans (tenant_id, id, code, version, is_current, definition, source, created_by_type, created_by_id) VALUES ($1, $2, $3, $4, true, $5, $6, $7, $8)',
      [ctx.tenant, id, definition.code, version, JSON.stringify(definition), source, ctx.actor.type, ctx.actor.id]);
    await this.audit.record(ctx, { action: current ? 'commissionPlan.revised' : 'commissionPlan.created', entityType: 'CommissionPlan', entityId: id, before: current?.definition ?? null, after: { ...definition, version, source } });
    return { plan: (await this.plans(ctx, definition.code)).find((p) => p.isCurrent)!, outcome: current ? 'updated' : 'created' };
  }

  /** Every version of the tenant's plans (or of one code), current first, then newest. */
  async plans(ctx: RequestContext, code?: string | null, currentOnly = false): Promise<StoredPlan[]> {
    return (await ctx.db()).query(
      `SELECT id, code, version, is_current AS "isCurrent", definition, created_at AS "createdAt" FROM commission_plans
       WHERE ($1::text IS NULL OR code = $1) AND (NOT $2 OR is_current) ORDER BY code, is_current DESC, version DESC`, [code ?? null, currentOnly]);
  }
}
