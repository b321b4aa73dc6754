import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { tenantDefinitionSchema, type TenantDefinition } from './tenant-definition';

/** `tenants/<slug>.yaml`: a lender's configuration as code. Later modules add their own sections. */
export const tenantFileSchema = z
  .object({
    apiVersion: z.literal('microlend/v1'),
    tenant: tenantDefinitionSchema,
  })
  .strict();

export interface TenantFile {
  file: string;
  definition: TenantDefinition;
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
  if (doc.errors.length) {
    throw new TenantFileError(doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: '', message: e.message.split('\n')[0] })));
  }
  const parsed = tenantFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new TenantFileError(
      parsed.error.issues.map((issue) => {
        // Point at the deepest node that exists along the issue's path.
        let offset: number | undefined;
        for (let depth = issue.path.length; depth >= 0 && offset === undefined; depth--) {
          const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
          offset = node?.range?.[0];
        }
        return { file, ...at(offset), path: issue.path.join('.'), message: issue.message };
      }),
    );
  }
  const expectedSlug = path.basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.tenant.slug !== expectedSlug) {
    const node = doc.getIn(['tenant', 'slug'], true) as { range?: [number, number, number] } | undefined;
    throw new TenantFileError([{ file, ...at(node?.range?.[0]), path: 'tenant.slug', message: `must match the file name (${expectedSlug})` }]);
  }
  return { file, definition: parsed.data.tenant };
}
