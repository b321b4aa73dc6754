import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { rateCapRuleSchema } from '../pricing/pricing-definition';
import { productCodeSchema, productTermsSchema } from '../products/product-definition';
import { tenantDefinitionSchema, type TenantDefinition } from '../tenancy/tenant-definition';

/**
 * `tenants/<slug>.yaml`: a lender's configuration as code. Each section is validated by the same
 * schema its GraphQL mutation uses. Decimals are quoted strings ("0.12"), never YAML floats.
 */
export const tenantFileSchema = z
  .object({
    apiVersion: z.literal('microlend/v1'),
    tenant: tenantDefinitionSchema,
    rateCaps: z.array(rateCapRuleSchema).default([]),
    products: z
      .array(z.object({ code: productCodeSchema, archived: z.boolean().default(false), terms: productTermsSchema }).strict())
      .default([])
      .refine((p) => new Set(p.map((x) => x.code)).size === p.length, 'each product code once'),
  })
  .strict();

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
