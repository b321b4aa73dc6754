import { autoLender } from './loans';
import type { TestApp } from './test-app';

/**
 * A lender for collections specs: auto-approving, on UTC (its borrowers may live elsewhere), with a
 * COLLECTOR API key.
 */
export async function collectionsLender(app: TestApp) {
  const lender = await autoLender(app);
  await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
  const key = await app.gql('mutation { createApiKey(input: { name: "Collector", role: COLLECTOR }) { apiKey { id } secret } }', {}, lender.admin);
  return { lender, collector: key.data!.createApiKey.secret as string, collectorId: key.data!.createApiKey.apiKey.id as string };
}
