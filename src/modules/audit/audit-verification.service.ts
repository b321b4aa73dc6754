import type { ChainReport } from '../../core/audit/hash-chain';
import { notFound } from '../../core/domain-error';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import { AuditVerificationStateEnum, type AuditVerificationType } from './dto/audit-entry.type';
import { auditVerifyJob } from './jobs/audit-verify.job';

const STATES: Record<string, AuditVerificationStateEnum> = {
  completed: AuditVerificationStateEnum.COMPLETED,
  failed: AuditVerificationStateEnum.FAILED,
  active: AuditVerificationStateEnum.RUNNING,
};

/** Background verification of a tenant's audit chain: requested over GraphQL, run by the worker. */
export class AuditVerificationService {
  constructor(
    private readonly audit: AuditService,
    private readonly queue: () => QueueRuntime,
  ) {}

  async request(ctx: RequestContext): Promise<AuditVerificationType> {
    const job = await this.queue().enqueue(auditVerifyJob(this.audit), { tenantId: ctx.tenant }, { attempts: 1 });
    return { id: job.id!, state: AuditVerificationStateEnum.QUEUED, ok: null, checked: null, breaks: [], requestedAt: new Date(job.timestamp) };
  }

  /** A job of another tenant (or of another kind) is reported as not found. */
  async byId(ctx: RequestContext, id: string): Promise<AuditVerificationType> {
    // State first, then the job: a job read before it completes carries no report yet.
    const state = STATES[await this.queue().queue().getJobState(id)] ?? AuditVerificationStateEnum.QUEUED;
    const job = await this.queue().queue().getJob(id);
    if (!job || job.name !== 'audit.verify' || job.data?.tenantId !== ctx.tenant) throw notFound('AuditVerification', id);
    const report = job.returnvalue as ChainReport | undefined;
    const breaks = state === AuditVerificationStateEnum.FAILED ? parseBreaks(job.failedReason) : (report?.breaks ?? []).map((b) => ({ ...b, lane: b.lane ?? 0 }));
    return {
      id,
      state,
      ok: state === AuditVerificationStateEnum.COMPLETED ? true : state === AuditVerificationStateEnum.FAILED ? false : null,
      checked: report?.checked ?? null,
      breaks,
      requestedAt: new Date(job.timestamp),
    };
  }
}

/** The job fails with "audit chain broken: EDITED@3, TRUNCATED@7#2" (lane after #); the breaks are read back from it. */
function parseBreaks(reason: string | undefined): { seq: number; lane: number; reason: string; detail: string }[] {
  const m = /audit chain broken: (.*)$/.exec(reason ?? '');
  if (!m) return [{ seq: 0, lane: 0, reason: 'ERROR', detail: reason ?? 'unknown failure' }];
  return m[1].split(', ').map((part) => {
    const [kind, at] = part.split('@');
    const [seq, lane] = at.split('#');
    return { seq: Number(seq), lane: Number(lane ?? 0), reason: kind, detail: part };
  });
}
