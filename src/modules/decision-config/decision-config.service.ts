import { isDeepStrictEqual } from 'node:util';
import { type RuleSet, type ScorecardDefinition, assertValidRuleSet, assertValidScorecard, validateRuleSet, validateScorecard } from '../../core/decisioning';
import { uuidv7 } from '../../platform/db/ids';
import { queryPrepared } from '../../platform/db/prepared';
import { badInput, notFound } from '../../core/domain-error';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import { zodToBadInput } from '../tenancy';
import { DEFAULT_POLICIES, DEFAULT_RULES, DEFAULT_SCORECARD, type PolicyKind } from './default-policies';
import { POLICY_SCHEMAS } from './policy-schemas';

/** The tenant's policy documents, read once per transaction (see policy). */
const POLICIES = Symbol('tenant-policies');

export type ConfigKind = 'SCORECARD' | 'RULES';

export interface DecisionConfigRow {
  id: string;
  kind: ConfigKind;
  name: string;
  version: number;
  status: 'DRAFT' | 'ACTIVE' | 'RETIRED';
  definition: ScorecardDefinition | RuleSet;
  createdAt: Date;
  activatedAt: Date | null;
}

/** Scorecards and rule sets (versioned: draft, active, retired) and the tenant's policy documents. */
export class DecisionConfigService {
  constructor(private readonly audit: AuditService) {}

  /** Saves a new version (a draft unless `activate`). Definitions are validated as untrusted JSON. */
  async save(ctx: RequestContext, kind: ConfigKind, name: string, definition: unknown, activate: boolean, root = 'input.definition'): Promise<DecisionConfigRow> {
    const problems = kind === 'SCORECARD' ? validateScorecard(definition as ScorecardDefinition) : validateRuleSet(definition);
    if (problems.length) {
      const first = problems[0];
      const path = first.path.replace(/\[(\d+)\]/g, '.$1');
      throw badInput(`${root}${path ? `.${path}` : ''}`, first.message, { issues: problems });
    }
    const em = await ctx.db();
    // One version sequence per tenant and kind; the row lock on the tenant keeps concurrent saves in order.
    await em.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [ctx.tenant]);
    const [{ next }] = await em.query('SELECT coalesce(max(version), 0) + 1 AS next FROM decision_configs WHERE kind = $1', [kind]);
    const id = uuidv7();
    await em.query('INSERT INTO decision_configs (tenant_id, id, kind, name, version, status, definition) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      ctx.tenant, id, kind, name, next, 'DRAFT', JSON.stringify(definition),
    ]);
    await this.audit.record(ctx, { action: `${kind.toLowerCase()}.saved`, entityType: 'DecisionConfig', entityId: id, after: { kind, name, version: next } });
    if (activate) await this.activate(ctx, id);
    return this.byIdOrThrow(ctx, id);
  }

  /** Tenants as code: makes `definition` the active version unless it already is. */
  async applyActive(ctx: RequestContext, kind: ConfigKind, name: string, definition: unknown, root: string): Promise<boolean> {
    const [active] = await (await ctx.db()).query("SELECT definition FROM decision_configs WHERE kind = $1 AND status = 'ACTIVE'", [kind]);
    if (active && isDeepStrictEqual(active.definition, JSON.parse(JSON.stringify(definition)))) return false;
    await this.save(ctx, kind, name, definition, true, root);
    return true;
  }

  async activate(ctx: RequestContext, id: string): Promise<DecisionConfigRow> {
    const row = await this.byIdOrThrow(ctx, id);
    if (row.status === 'ACTIVE') return row;
    const em = await ctx.db();
    await em.query("UPDATE decision_configs SET status = 'RETIRED' WHERE kind = $1 AND status = 'ACTIVE'", [row.kind]);
    await em.query("UPDATE decision_configs SET status = 'ACTIVE', activated_at = now() WHERE id = $1", [id]);
    await this.audit.record(ctx, { action: `${row.kind.toLowerCase()}.activated`, entityType: 'DecisionConfig', entityId: id, after: { version: row.version } });
    return this.byIdOrThrow(ctx, id);
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<DecisionConfigRow> {
    const [row] = await (await ctx.db()).query(
      `SELECT id, kind, name, version, status, definition, created_at AS "createdAt", activated_at AS "activatedAt" FROM decision_configs WHERE id = $1`, [id]);
    if (!row) throw notFound('DecisionConfig', id);
    return row;
  }

  async list(ctx: RequestContext, kind?: ConfigKind | null): Promise<DecisionConfigRow[]> {
    return (await ctx.db()).query(
      `SELECT id, kind, name, version, status, definition, created_at AS "createdAt", activated_at AS "activatedAt"
       FROM decision_configs WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, version DESC`, [kind ?? null]);
  }

  /** The active scorecard and rules, or the built-in defaults, with the version used (0 = default). */
  async active(ctx: RequestContext): Promise<ActiveConfigs> {
    const rows: { kind: ConfigKind; version: number; definition: unknown }[] = await (await ctx.db()).query(
      "SELECT kind, version, definition FROM decision_configs WHERE status = 'ACTIVE'");
    return activeOf(rows);
  }

  /**
   * What a decision reads of the tenant's configuration, in one statement: the active scorecard and
   * rules, the watch list, and the policy documents (kept for the transaction, as `policy` keeps them).
   * The scorecard and rules come checked (assertValidScorecard, assertValidRuleSet), each version once in
   * this process: a version's definition never changes, so one this process has checked is not sent
   * again. The defaults, used while a tenant has none active, are held valid by their spec.
   */
  async forDecision(ctx: RequestContext): Promise<{ active: ActiveConfigs; watchlist: WatchlistEntry[] }> {
    // The versions this process had checked when the statement was sent: the rows it answers without a
    // definition are found here, whatever another request adds or drops meanwhile.
    const known = new Map(checkedOf(ctx.tenant));
    const [row] = await queryPrepared<{ active: ActiveRow[]; watchlist: WatchlistEntry[]; policies: { kind: string; definition: unknown }[] }>(
      await ctx.db(),
      `SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'kind', kind, 'version', version, 'definition', CASE WHEN id = ANY($1::uuid[]) THEN NULL ELSE definition END)), '[]')
               FROM decision_configs WHERE status = 'ACTIVE') AS active,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'listName', list_name)), '[]') FROM watchlist_entries) AS watchlist,
              (SELECT coalesce(json_agg(json_build_object('kind', kind, 'definition', definition)), '[]') FROM tenant_policies) AS policies`,
      [[...known.keys()]],
    );
    await ctx.transactionOnce(POLICIES, ctx.tenant, async () => new Map(row.policies.map((r) => [r.kind, r.definition])));
    return { active: checkedActive(ctx.tenant, row.active, known), watchlist: row.watchlist };
  }

  /** A policy document, or its default. A decision reads several: all of the tenant's are read once per transaction. */
  async policy<K extends PolicyKind>(ctx: RequestContext, kind: K): Promise<(typeof DEFAULT_POLICIES)[K]> {
    const all = await ctx.transactionOnce(POLICIES, ctx.tenant, async () => {
      const rows: { kind: string; definition: unknown }[] = await (await ctx.db()).query('SELECT kind, definition FROM tenant_policies');
      return new Map(rows.map((r) => [r.kind, r.definition]));
    });
    return all.has(kind) ? (all.get(kind) as (typeof DEFAULT_POLICIES)[K]) : DEFAULT_POLICIES[kind];
  }

  /** Replaces a policy document; an identical one writes nothing. */
  async setPolicy(ctx: RequestContext, kind: PolicyKind, definition: unknown, root = 'input'): Promise<{ changed: boolean; definition: unknown }> {
    const parsed = POLICY_SCHEMAS[kind].safeParse(withoutNulls(definition));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const em = await ctx.db();
    const [current] = await em.query('SELECT definition FROM tenant_policies WHERE kind = $1 FOR UPDATE', [kind]);
    if (current && isDeepStrictEqual(current.definition, JSON.parse(JSON.stringify(parsed.data)))) return { changed: false, definition: current.definition };
    await em.query(
      `INSERT INTO tenant_policies (tenant_id, kind, definition) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, kind) DO UPDATE SET definition = EXCLUDED.definition, version = tenant_policies.version + 1, updated_at = now()`,
      [ctx.tenant, kind, JSON.stringify(parsed.data)],
    );
    ctx.forgetTransactionOnce(POLICIES);
    await this.audit.record(ctx, { action: 'policy.changed', entityType: 'TenantPolicy', entityId: kind, before: current?.definition ?? null, after: parsed.data });
    return { changed: true, definition: parsed.data };
  }

  async addWatchlistNames(ctx: RequestContext, listName: string, names: string[]): Promise<number> {
    const clean = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    if (!listName.trim()) throw badInput('listName', 'name the list');
    if (clean.length === 0) throw badInput('names', 'give at least one name');
    const em = await ctx.db();
    await em.query('DELETE FROM watchlist_entries WHERE list_name = $1', [listName]);
    for (const name of clean) await em.query('INSERT INTO watchlist_entries (tenant_id, id, list_name, name) VALUES ($1, $2, $3, $4)', [ctx.tenant, uuidv7(), listName, name]);
    await this.audit.record(ctx, { action: 'watchlist.replaced', entityType: 'Watchlist', entityId: listName, after: { entries: clean.length } });
    return clean.length;
  }
}

/** The tenant's active scorecard and rules (the defaults when none is active). */
export interface ActiveConfigs {
  scorecard: ScorecardDefinition;
  scorecardVersion: number;
  rules: RuleSet;
  rulesVersion: number;
}

export interface WatchlistEntry {
  id: string;
  name: string;
  listName: string;
}

/** An active configuration as forDecision reads it: its definition null when this process has checked it already. */
interface ActiveRow {
  id: string;
  kind: ConfigKind;
  version: number;
  definition: ScorecardDefinition | RuleSet | null;
}

/** Checked definitions by the id of their version, per tenant (see forDecision). */
const CHECKED = new Map<string, Map<string, ScorecardDefinition | RuleSet>>();
const TENANTS_KEPT = 5000;
/** Versions kept per tenant: the active two, and those a change of them left behind. */
const VERSIONS_KEPT = 8;

function checkedOf(tenant: string): Map<string, ScorecardDefinition | RuleSet> {
  let known = CHECKED.get(tenant);
  if (!known) {
    if (CHECKED.size >= TENANTS_KEPT) CHECKED.clear();
    CHECKED.set(tenant, (known = new Map()));
  }
  return known;
}

/**
 * The active scorecard and rules: a row without a definition is a version `known` holds; a row with one
 * is checked, then kept for the tenant's next decisions (the tenant's kept versions start again past
 * VERSIONS_KEPT).
 */
function checkedActive(tenant: string, rows: ActiveRow[], known: ReadonlyMap<string, ScorecardDefinition | RuleSet>): ActiveConfigs {
  const definitionOf = (row: ActiveRow) => {
    if (row.definition === null) return known.get(row.id)!;
    if (row.kind === 'SCORECARD') assertValidScorecard(row.definition as ScorecardDefinition);
    else assertValidRuleSet(row.definition as RuleSet);
    const kept = checkedOf(tenant);
    if (kept.size >= VERSIONS_KEPT) kept.clear();
    kept.set(row.id, row.definition);
    return row.definition;
  };
  return activeOf(rows.map((r) => ({ kind: r.kind, version: r.version, definition: definitionOf(r) })));
}

function activeOf(rows: { kind: ConfigKind; version: number; definition: unknown }[]): ActiveConfigs {
  const sc = rows.find((r) => r.kind === 'SCORECARD');
  const rules = rows.find((r) => r.kind === 'RULES');
  return {
    scorecard: (sc?.definition as ScorecardDefinition) ?? DEFAULT_SCORECARD,
    scorecardVersion: sc?.version ?? 0,
    rules: (rules?.definition as RuleSet) ?? DEFAULT_RULES,
    rulesVersion: rules?.version ?? 0,
  };
}
