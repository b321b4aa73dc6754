import type { RequestContext } from '../tenancy/request-context';

/** Every job carries the tenant it works for (null for platform-wide jobs); the worker rebuilds ctx from it. */
export interface JobData {
  tenantId: string | null;
}

/** A job type: its name, and the work it does in a context the worker builds from the job's tenantId. */
export interface JobDefinition<T extends JobData = JobData, R = unknown> {
  name: string;
  /** Platform-wide jobs (fan-out over tenants) run in the platform scope. */
  platform?: boolean;
  run(ctx: RequestContext, data: T, progress: (value: number) => Promise<void>): Promise<R>;
}
