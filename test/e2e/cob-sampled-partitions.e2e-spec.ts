import { addDays } from '../../src/modules/cob/cob.service';
import { seedLoans } from '../../src/modules/cob/seed-loans';
import { todayIn } from '../../src/platform/tenancy/business-date';
import { lenderWithProduct } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const LOANS = 70;
const PARTITION = 20;

/**
 * A large book's partitions are cut from a sample of the loans table's pages, not by numbering every
 * loan (COB_SAMPLE_PERCENT). Here the sample is the whole table (100%), so the cut must be exactly the
 * numbered one: ranges of 20 active loans, the last of the 10 left, covering every loan once; and a
 * sample of 1% over a book this small is too thin to use, so it is numbered (the same cut again).
 */
describe('close of business partitions cut from a sample of the book', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  for (const percent of ['100', '1']) {
    it(`cuts ranges of about COB_CHUNK_SIZE active loans that cover the whole book (COB_SAMPLE_PERCENT=${percent})`, async () => {
      const app = await startTestApp({ env: { COB_CHUNK_SIZE: String(PARTITION), COB_SAMPLE_PERCENT: percent } });
      apps.push(app);
      const lender = await lenderWithProduct(app);
      const start = addDays(todayIn('Africa/Nairobi'), -3);
      await seedLoans(app.runtime.services.units, app.runtime.services, { tenantId: lender.tenantId, productCode: 'CONSUMER-1', count: LOANS, startDate: start });
      const date = addDays(start, 1);
      const [result] = await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, date));
      expect(result).toMatchObject({ businessDate: date, loans: LOANS, skipped: false });

      const partitions = await app.ownerQuery(
        'SELECT partition_no AS n, lo::text, hi::text, status, loans FROM cob_partitions WHERE tenant_id = $1 AND business_date = $2 ORDER BY partition_no', [lender.tenantId, date]);
      expect(partitions.map((p) => p.loans)).toEqual([20, 20, 20, 10]);
      expect(partitions.every((p) => p.status === 'DONE')).toBe(true);
      expect(partitions[0].lo).toBe('00000000-0000-0000-0000-000000000000');
      expect(partitions[partitions.length - 1].hi).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
      // Each range starts at a loan (the 21st, 41st and 61st by id) and ends just before the next range.
      const ids = (await app.ownerQuery('SELECT id::text FROM loans WHERE tenant_id = $1 ORDER BY id', [lender.tenantId])).map((r) => r.id);
      expect(partitions.slice(1).map((p) => p.lo)).toEqual([ids[20], ids[40], ids[60]]);
      for (let i = 0; i + 1 < partitions.length; i++) expect(partitions[i].hi < partitions[i + 1].lo).toBe(true);
      const [{ accrued }] = await app.ownerQuery(
        "SELECT count(DISTINCT loan_id)::int AS accrued FROM loan_accruals WHERE tenant_id = $1 AND business_date = $2 AND kind = 'COB'", [lender.tenantId, date]);
      expect(accrued).toBe(LOANS);
    }, 120_000);
  }
});
