import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type ScorecardDefinition, validateRuleSet, validateScorecard } from '../../core/decisioning';
import { approvalPoliciesSchema } from '../approvals';
import { policyProblems } from '../../core/collections';
import { asPolicy, collectionPolicySchema, conductSchema } from '../collections';
import { agentsSectionSchema } from '../agents';
import { commissionPlanSchema } from '../commissions';
import { validateCrossSellRule } from '../../core/cross-sell';
import { asRule, crossSellRuleSchema } from '../cross-sell';
import { ATTRIBUTION_MODELS, RETURNING_CUSTOMER_RULES, commissionPlanProblems } from '../../core/agents';
import { POLICY_SCHEMAS } from '../decision-config';
import { rateCapRuleSchema } from '../pricing';
import { productCodeSchema, productTermsSchema } from '../products';
import { tenantDefinitionSchema, type TenantDefinition } from '../tenancy';

/**
 * `tenants/<slug>.yaml`: a lender's configuration as code. Each section is validated by the same
 * schema its GraphQL mutation uses. Decimals are quoted strings ("0.12"), never YAML floats.
 */
export const tenantFileSchema = z
  .object({
    apiVersion: z.literal('microlend/v1'),
    tenant: tenantDefinitionSchema,
    rateCaps: z.array(rateCapRuleSchema).default([]),
    ledgerAccounts: z
      .array(z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'an account code such as LOAN_PRINCIPAL_AGRI'), name: z.string().min(1).max(200), type: z.enum(['ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE']) }).strict())
      .default([]),
    products: z
      .array(z.object({ code: productCodeSchema, archived: z.boolean().default(false), terms: productTermsSchema }).strict())
      .default([])
      .refine((p) => new Set(p.map((x) => x.code)).size === p.length, 'each product code once'),
    scorecard: decisionConfigEntry((d) => validateScorecard(d as ScorecardDefinition)).optional(),
    rules: decisionConfigEntry(validateRuleSet).optional(),
    approvalTiers: POLICY_SCHEMAS.APPROVAL_TIERS.optional(),
    riskAppetite: POLICY_SCHEMAS.RISK_APPETITE.optional(),
    stageTimeLimits: POLICY_SCHEMAS.STAGE_TIME_LIMITS.optional(),
    fraud: POLICY_SCHEMAS.FRAUD.optional(),
    offers: POLICY_SCHEMAS.OFFERS.optional(),
    contractTemplate: POLICY_SCHEMAS.CONTRACT_TEMPLATE.optional(),
    approvalPolicies: approvalPoliciesSchema.optional(),
    /** The lender's agents and agencies by code (parents first), applied before the policies that name them. */
    agents: agentsSectionSchema,
    /** How referrals are credited, as setAttributionRules takes them. */
    attribution: z.object({ model: z.enum(ATTRIBUTION_MODELS), windowDays: z.number().int().min(1).max(730), returningCustomer: z.enum(RETURNING_CUSTOMER_RULES) }).strict().optional(),
    /** Commission plans for the agents, each checked as setCommissionPlan checks it. */
    commissions: z
      .array(commissionPlanSchema.superRefine((p, ctx) => {
        for (const problem of commissionPlanProblems(p)) ctx.addIssue({ code: 'custom', path: problem.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), message: problem.message });
      }))
      .default([])
      .refine((p) => new Set(p.map((x) => x.code)).size === p.length, 'each plan code once'),
    /** The lender's cost of funds and operating cost from a month on, as setFinancialAssumptions takes them. */
    financialAssumptions: z
      .array(z.object({
        period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
        costOfFundsRate: z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'an annual rate from 0 to 1 (0.12 is 12%)'),
        operatingCostPerLoan: z.string().regex(/^\d+(\.\d+)?$/, 'an amount, not negative'),
      }).strict())
      .default([])
      .refine((a) => new Set(a.map((x) => x.period)).size === a.length, 'each month once'),
    /** Cross-sell eligibility rules, one per kind, each checked as setCrossSellRule checks it. */
    crossSell: z
      .array(crossSellRuleSchema.superRefine((r, ctx) => {
        for (const problem of validateCrossSellRule(asRule(r))) ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
      }))
      .default([])
      .refine((r) => new Set(r.map((x) => x.kind)).size === r.length, 'each kind once'),
    /** Collection policies by stage, each checked as setCollectionPolicy checks it. */
    collections: z
      .array(collectionPolicySchema.superRefine((p, ctx) => {
        for (const problem of policyProblems(asPolicy(p))) ctx.addIssue({ code: 'custom', path: problem.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), message: problem.message });
      }))
      .default([])
      .refine((p) => new Set(p.map((x) => x.code)).size === p.length, 'each policy code once'),
    /** Collection conduct rules and complaint deadlines, as setCollectionConduct takes them. */
    conduct: conductSchema.optional(),
  })
  .strict();

/** A scorecard or rule set in a tenant file, checked by the same validator as the GraphQL mutation. */
function decisionConfigEntry(validate: (definition: unknown) => { path: string; message: string }[]) {
  return z
    .object({ name: z.string().min(1).max(100), definition: z.record(z.string(), z.unknown()) })
    .strict()
    .superRefine((entry, ctx) => {
      for (const problem of validate(entry.definition)) {
        const path = problem.path ? problem.path.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
        ctx.addIssue({ code: 'custom', path: ['definition', ...path], message: problem.message });
      }
    });
}

export type TenantFileContent = z.infer<typeof tenantFileSchema>;

export interface TenantFile {
  file: string;
  definition: TenantDefinition;
  content: TenantFileContent;
  /** Line and column of the YAML node at a path (or its nearest existing parent). */
  locate(pathInFile: (string | number)[]): { line: number; column: number };
}

/** One refusal, pointing at the file, line, column and YAML path of what is wrong. */
export interface TenantFileProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export class TenantFileError extends Error {
  constructor(readonly problems: TenantFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path || '(document)'}: ${p.message}`).join('\n'));
  }
}

/** The YAML files a path names: the file itself, or every *.yaml / *.yml in the folder, in name order. */
export function tenantFilesAt(target: string): string[] {
  if (statSync(target).isFile()) return [target];
  return readdirSync(target)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

/** Parses and validates one file; every problem is collected, not just the first. */
export function loadTenantFile(file: string): TenantFile {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => (offset === undefined ? { line: 1, column: 1 } : { line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col });
  const locate = (p: (string | number)[]) => {
    // The deepest node that exists along the path.
    for (let depth = p.length; depth >= 0; depth--) {
      const node = doc.getIn(p.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return at(node.range[0]);
    }
    return at(undefined);
  };
  if (doc.errors.length) {
    throw new TenantFileError(doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: '', message: e.message.split('\n')[0] })));
  }
  const parsed = tenantFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new TenantFileError(parsed.error.issues.map((issue) => ({ file, ...locate(issue.path as (string | number)[]), path: issue.path.join('.'), message: issue.message })));
  }
  const expectedSlug = path.basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.tenant.slug !== expectedSlug) {
    throw new TenantFileError([{ file, ...locate(['tenant', 'slug']), path: 'tenant.slug', message: `must match the file name (${expectedSlug})` }]);
  }
  return { file, definition: parsed.data.tenant, content: parsed.data, locate };
}
