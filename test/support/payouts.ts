import { runInContext } from '../../src/platform/tenancy/run-in-context';
import type { PayoutRunOutcome } from '../../src/modules/payments/payouts.service';
import type { TestApp } from './test-app';

/**
 * Sends the tenant's due payouts here and now, as the payout job does (claim, provider call with no
 * transaction open, record), in the job's own kind of context: for specs that run without a worker.
 */
export async function drainPayouts(app: TestApp, slug: string): Promise<Record<string, PayoutRunOutcome>> {
  const [tenant] = await app.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [slug]);
  return runInContext(app.runtime.dataSource, { tenantId: tenant.id, actor: { type: 'SYSTEM', id: 'job:payments.payout' }, roles: [] }, (ctx) => app.runtime.services.payouts.runDue(ctx));
}
