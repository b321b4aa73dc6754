import type { ChainReport } from '../../../core/audit/hash-chain';
import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { AuditService } from '../../../platform/audit/audit.service';

/** Re-verifies one tenant's audit chain in the background; a broken chain fails the job loudly. */
export function auditVerifyJob(audit: AuditService): JobDefinition<JobData, ChainReport> {
  return {
    name: 'audit.verify',
    async run(ctx, _data, progress) {
      const report = await audit.verify(ctx, (checked, total) => void progress(total ? Math.round((checked / total) * 100) : 100));
      if (!report.ok) throw new Error(`audit chain broken: ${report.breaks.map((b) => `${b.reason}@${b.seq}${b.lane ? `#${b.lane}` : ''}`).join(', ')}`);
      return report;
    },
  };
}
