import { type CommissionPlanDefinition, commissionPlanProblems } from '../../core/agents';
import { badInput } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { type StoredVersion, VersionedDefinitions } from '../../platform/db/versioned-definitions';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { zodToBadInput } from '../tenancy';
import { asPlan, commissionPlanSchema } from './commissions-definition';

export type StoredPlan = StoredVersion<CommissionPlanDefinition>;

/** The lender's commission plans: versioned like products (a new version when the definition changes). */
export class CommissionPlanService {
  private readonly store: VersionedDefinitions<CommissionPlanDefinition>;

  constructor(audit: AuditService) {
    this.store = new VersionedDefinitions('commission_plans', audit, { type: 'CommissionPlan', action: 'commissionPlan' });
  }

  /** Validates and stores a plan; the same definition again changes nothing. `root` names the input in errors. */
  async setPlan(ctx: RequestContext, input: unknown, source = 'api', root = 'input'): Promise<{ plan: StoredPlan; outcome: 'created' | 'updated' | 'unchanged' }> {
    const parsed = commissionPlanSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const definition = asPlan(parsed.data);
    const problems = commissionPlanProblems(definition);
    if (problems.length) throw badInput(`${root}.${problems[0].field}`, problems[0].message, { issues: problems.map((p) => ({ field: `${root}.${p.field}`, message: p.message })) });
    const { stored, outcome } = await this.store.set(ctx, definition, source);
    return { plan: stored, outcome };
  }

  /** Every version of the tenant's plans (or of one code), current first, then newest. */
  plans(ctx: RequestContext, code?: string | null, currentOnly = false): Promise<StoredPlan[]> {
    return this.store.versions(ctx, code, currentOnly);
  }
}
