import type { Job, Queue } from 'bullmq';
import { type TestApp, startTestApp } from '../support/test-app';
import { auditVerifyJob } from '../../src/modules/audit/jobs/audit-verify.job';

async function waitForJob(queue: Queue, id: string, timeoutMs = 30_000): Promise<{ state: string; job: Job }> {
  const started = Date.now();
  for (;;) {
    const state = await queue.getJobState(id);
    // Read the job after its state is final: read before, it may still carry no return value.
    if (state === 'completed' || state === 'failed') return { state, job: (await queue.getJob(id))! };
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The same jobs on both backends: Redis (production) and BullMQ's Postgres backend (embedded default). */
describe.each(['redis', 'postgres'] as const)('jobs on the %s backend', (queue) => {
  let app: TestApp;
  let tenantId: string;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp({ queue, worker: true });
    ({ id: tenantId, slug } = await app.createTenant());
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    await app.gql('mutation { createApiKey(input: { name: "j", role: SERVICER }) { secret } }', {}, admin);
  });
  afterAll(() => app.close());

  it('runs a job in its tenant context, rebuilt by the worker from the tenantId it carries', async () => {
    const q = app.runtime.queue;
    const job = await q.enqueue(auditVerifyJob(app.runtime.services.audit), { tenantId });
    const { state, job: done } = await waitForJob(q.queue(), job.id!);
    expect(state).toBe('completed');
    // The worker saw this tenant's 3 entries (tenant created, two keys) and no other tenant's.
    expect(done.returnvalue).toMatchObject({ ok: true, checked: 3 });
    const metrics = await app.runtime.metrics.registry.getSingleMetricAsString('microlend_jobs_total');
    expect(metrics).toMatch(/job="audit.verify",outcome="completed"\} 1/);
  });

  it('fails the job when the chain is broken, and reports readiness of the backend', async () => {
    await app.ownerQuery(`BEGIN; SET LOCAL session_replication_role = replica;
      UPDATE audit_entries SET action = 'forged' WHERE tenant_id = '${tenantId}' AND seq = 2; COMMIT;`);
    const q = app.runtime.queue;
    const job = await q.queue().add('audit.verify', { tenantId }, { attempts: 1 });
    const { state, job: done } = await waitForJob(q.queue(), job.id!);
    expect(state).toBe('failed');
    expect(done.failedReason).toContain('EDITED@2');
    await expect(q.ping()).resolves.toBeUndefined();
  });
});
