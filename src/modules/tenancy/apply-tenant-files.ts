import path from 'node:path';
import type { DataSource } from 'typeorm';
import { runInContext } from '../../platform/tenancy/run-in-context';
import type { ApplyOutcome, TenantService } from './tenant.service';
import { type TenantFile, TenantFileError, type TenantFileProblem, loadTenantFile, tenantFilesAt } from './tenant-files';

export interface ApplyReport {
  results: { file: string; slug: string; outcome: ApplyOutcome }[];
}

/**
 * Applies tenant files: validates all of them first (nothing is written when any is wrong), then
 * applies each in its own transaction. Idempotent: applying the same files again changes nothing.
 */
export async function applyTenantFiles(
  dataSource: DataSource,
  tenants: TenantService,
  target: string,
  onProgress: (done: number, total: number, file: string) => void = () => undefined,
): Promise<ApplyReport> {
  const files = tenantFilesAt(target);
  const loaded: TenantFile[] = [];
  const problems: TenantFileProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(loadTenantFile(file));
    } catch (err) {
      if (err instanceof TenantFileError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new TenantFileError(problems);
  const results: ApplyReport['results'] = [];
  for (const [i, file] of loaded.entries()) {
    const { outcome } = await runInContext(
      dataSource,
      { tenantId: null, platform: true, actor: { type: 'SYSTEM', id: 'tenants-apply' }, roles: ['PLATFORM_ADMIN'] },
      (ctx) => tenants.apply(ctx, file.definition, path.basename(file.file)),
    );
    results.push({ file: file.file, slug: file.definition.slug, outcome });
    onProgress(i + 1, loaded.length, path.basename(file.file));
  }
  return { results };
}
