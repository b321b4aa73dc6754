import { isDeepStrictEqual } from 'node:util';
import { type CollectionPolicyDefinition, DEFAULT_CONDUCT, conductProblems, policyProblems } from '../../core/collections';
import { badInput } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { type StoredVersion, VersionedDefinitions } from '../../platform/db/versioned-definitions';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { zodToBadInput } from '../tenancy';
import { type ConductDefinition, asPolicy, collectionPolicySchema, conductSchema } from './collections-definition';

export type StoredPolicy = StoredVersion<CollectionPolicyDefinition>;

const CONDUCT = Symbol('collection conduct of this transaction');

/**
 * A lender's collection policies (versioned like products: a new version when the definition
 * changes, cases keep the version they were opened under) and conduct rules.
 */
export class CollectionPolicyService {
  private readonly store: VersionedDefinitions<CollectionPolicyDefinition>;

  constructor(
    private readonly audit: AuditService,
    /** The agents module: a placement names an active collection agency by its code. */
    private readonly agents: { byCode(ctx: RequestContext, code: string): Promise<{ id: string; kind: string; status: string } | null> },
  ) {
    this.store = new VersionedDefinitions('collection_policies', audit, { type: 'CollectionPolicy', action: 'collectionPolicy' });
  }

  /** Validates and stores a policy; the same definition again changes nothing. `root` names the input in errors. */
  async setPolicy(ctx: RequestContext, input: unknown, source = 'api', root = 'input'): Promise<{ policy: StoredPolicy; outcome: 'created' | 'updated' | 'unchanged' }> {
    const parsed = collectionPolicySchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const definition = asPolicy(parsed.data);
    const problems = policyProblems(definition);
    if (problems.length) throw badInput(`${root}.${problems[0].field}`, problems[0].message, { issues: problems.map((p) => ({ field: `${root}.${p.field}`, message: p.message })) });
    for (const [i, stage] of definition.stages.entries()) {
      for (const [j, action] of stage.actions.entries()) {
        if (!action.agencyCode) continue;
        const agency = await this.agents.byCode(ctx, action.agencyCode);
        const field = `${root}.stages.${i}.actions.${j}.agencyCode`;
        if (!agency) throw badInput(field, `no agent with code ${action.agencyCode}`);
        if (agency.kind !== 'COLLECTION_AGENCY') throw badInput(field, `agent ${action.agencyCode} is a ${agency.kind}, not a COLLECTION_AGENCY`);
        if (agency.status !== 'ACTIVE') throw badInput(field, `agency ${action.agencyCode} is ${agency.status}`);
      }
    }
    const { stored, outcome } = await this.store.set(ctx, definition, source);
    return { policy: stored, outcome };
  }

  /** Every version of the tenant's policies (or of one code), current first, then newest. */
  policies(ctx: RequestContext, code?: string | null, currentOnly = false): Promise<StoredPolicy[]> {
    return this.store.versions(ctx, code, currentOnly);
  }

  policyById(ctx: RequestContext, id: string): Promise<StoredPolicy | null> {
    return this.store.byId(ctx, id);
  }

  /** Sets the tenant's conduct rules (and complaint deadlines); the same rules again change nothing. */
  async setConduct(ctx: RequestContext, input: unknown, root = 'input'): Promise<{ conduct: ConductDefinition; version: number; outcome: 'created' | 'updated' | 'unchanged' }> {
    const parsed = conductSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const rules = parsed.data as ConductDefinition;
    const problems = conductProblems(rules);
    if (problems.length) throw badInput(`${root}.${problems[0].field}`, problems[0].message);
    const em = await ctx.db();
    const [current] = await em.query('SELECT rules, version FROM collection_conduct FOR UPDATE');
    if (current && isDeepStrictEqual(JSON.parse(JSON.stringify(current.rules)), JSON.parse(JSON.stringify(rules)))) return { conduct: rules, version: current.version, outcome: 'unchanged' };
    const version = (current?.version ?? 0) + 1;
    ctx.writes.add(
      `INSERT INTO collection_conduct (tenant_id, rules, version) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET rules = EXCLUDED.rules, version = EXCLUDED.version, updated_at = now()`,
      [ctx.tenant, JSON.stringify(rules), version],
    );
    ctx.transactionState(CONDUCT, () => ({ rules: null as ConductDefinition | null })).rules = rules;
    await this.audit.record(ctx, { action: 'collectionConduct.set', entityType: 'CollectionConduct', entityId: ctx.tenant, before: current?.rules ?? null, after: { ...rules, version } });
    return { conduct: rules, version, outcome: current ? 'updated' : 'created' };
  }

  /** The tenant's conduct rules (the platform's defaults until it sets its own). */
  async conduct(ctx: RequestContext): Promise<ConductDefinition> {
    const cache = ctx.transactionState(CONDUCT, () => ({ rules: null as ConductDefinition | null }));
    if (cache.rules) return cache.rules;
    const [row] = await (await ctx.db()).query('SELECT rules FROM collection_conduct');
    cache.rules = row ? (row.rules as ConductDefinition) : { ...DEFAULT_CONDUCT, complaintDeadlines: {}, messageProvider: 'SANDBOX' };
    return cache.rules;
  }
}
