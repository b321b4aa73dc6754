import { Client } from 'pg';
import type { Runtime } from '../../src/app/runtime';
import { addDays } from '../../src/modules/cob/cob.service';
import { seedLoans } from '../../src/modules/cob/seed-loans';
import { type RequestContext } from '../../src/platform/tenancy/request-context';
import { runInContext } from '../../src/platform/tenancy/run-in-context';

/**
 * The book the close-of-business benchmarks share: `loans` on the BOOK product, `delinquentShare` of
 * them lent 75 days ago and never paid, the rest 4 days ago; every loan's last run set to the day before
 * `firstDate` so the first timed date is a whole night. Returns an owner connection (for set-up SQL),
 * a runner in the tenant, and a timed close of business of one date.
 */
export async function benchBook(
  bench: { runtime: Runtime; ownerUrl: string },
  opts: { tenantId: string; loans: number; delinquentShare?: number; today: string; firstDate: string; log: (s: string) => void },
): Promise<{
  owner: Client;
  delinquent: number;
  asSystem: <T>(work: (ctx: RequestContext) => Promise<T>) => Promise<T>;
  timed: (date: string) => Promise<number>;
}> {
  const { runtime } = bench;
  const delinquent = Math.round(opts.loans * (opts.delinquentShare ?? 0.08));
  opts.log(`seeding ${opts.loans - delinquent} current and ${delinquent} past-due loans`);
  await seedLoans(runtime.services.units, runtime.services, { tenantId: opts.tenantId, productCode: 'BOOK', count: opts.loans - delinquent, startDate: addDays(opts.today, -4) });
  await seedLoans(runtime.services.units, runtime.services, { tenantId: opts.tenantId, productCode: 'BOOK', count: delinquent, startDate: addDays(opts.today, -75) });
  const owner = new Client({ connectionString: bench.ownerUrl });
  await owner.connect();
  await owner.query('UPDATE loans SET last_cob_date = $2::date WHERE tenant_id = $1', [opts.tenantId, addDays(opts.firstDate, -1)]);
  const asSystem = <T>(work: (ctx: RequestContext) => Promise<T>) => runInContext(runtime.dataSource, { tenantId: opts.tenantId, actor: { type: 'SYSTEM', id: 'bench' }, roles: [] }, work);
  const timed = async (date: string) => {
    const t = process.hrtime.bigint();
    const [run] = await asSystem((ctx) => runtime.services.cob.run(ctx, date));
    if (run.loans !== opts.loans) throw new Error(`COB processed ${run.loans} of ${opts.loans}`);
    opts.log(` ${date}`);
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  return { owner, delinquent, asSystem, timed };
}
