import { addDays } from '../../src/modules/cob/cob.service';
import { todayIn } from '../../src/platform/tenancy/business-date';
import { eventually } from '../support/eventually';
import { ageLoan, autoLender, disbursedLoan, LOAN } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * The loan's row as it lies on its page (pageinspect): its length, and the raw bytes of its schedule
 * column, which are an 18-byte TOAST pointer (first byte 0x01, tag 18) when the schedule is kept out
 * of the row.
 */
const ROW = `
  SELECT h.lp_len AS length, l.first_due_date::text AS "firstDueDate",
         encode((tuple_data_split('loans'::regclass, h.t_data, h.t_infomask, h.t_infomask2, h.t_bits))[a.attnum], 'hex') AS schedule
  FROM loans l
  CROSS JOIN LATERAL heap_page_items(get_raw_page('loans', (l.ctid::text::point)[0]::bigint)) h
  JOIN pg_attribute a ON a.attrelid = 'loans'::regclass AND a.attname = 'schedule'
  WHERE l.id = $1 AND h.lp = (l.ctid::text::point)[1]::int`;

/**
 * A loan's row is narrow where the nightly run rewrites it (migrations/1766930000000-loan-documents-
 * out-of-line.ts): its frozen schedule lies outside the row, the row carries a pointer to it and the
 * schedule's first due date, and a night (which writes every active loan's row) writes the row and
 * leaves the schedule where it was. Loans booked through GraphQL; the schedule read back through GraphQL.
 */
describe("a loan's row, narrow where the night rewrites it", () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    await app.ownerQuery('CREATE EXTENSION IF NOT EXISTS pageinspect');
  });
  afterAll(() => app.close());

  const row = async (loanId: string) => (await app.ownerQuery<{ length: number; firstDueDate: string; schedule: string }>(ROW, [loanId]))[0];
  const schedule = async (loanId: string) => {
    const res = await app.gql(LOAN(loanId), {}, lender.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.loan.schedule as { number: number; dueDate: string; principalDue: string; interestDue: string }[];
  };

  it('keeps the schedule out of the row, its first due date beside it, through the nights', async () => {
    const { loanId } = await disbursedLoan(app, lender, { termCount: 12 });
    const { loanId: longer } = await disbursedLoan(app, lender, { termCount: 24 });
    for (const id of [loanId, longer]) {
      const r = await row(id);
      const rows = await schedule(id);
      // A pointer, not the schedule: 18 bytes, external on disk.
      expect(r.schedule).toMatch(/^0112/);
      expect(r.schedule).toHaveLength(36);
      expect(r.firstDueDate).toBe(rows[0].dueDate);
      // Everything else the loan holds fits in well under the schedule's own size.
      expect(r.length).toBeLessThan(JSON.stringify(rows).length / 2);
    }

    // Nights: the row is written again, the schedule is not (the same pointer), and reads the same.
    await ageLoan(app, loanId, 3);
    const before = await row(loanId);
    const rows = await schedule(loanId);
    const yesterday = addDays(todayIn('UTC'), -1);
    const { data } = await app.gql(`mutation { runCloseOfBusiness(date: "${yesterday}") }`, {}, lender.admin);
    expect(data?.runCloseOfBusiness).toBeTruthy();
    await eventually(async () => {
      const [run] = await app.ownerQuery('SELECT status FROM cob_runs WHERE tenant_id = $1 AND business_date = $2', [lender.tenantId, yesterday]);
      expect(run?.status).toBe('COMPLETED');
    }, 50_000);
    const [state] = await app.ownerQuery<{ last: string }>('SELECT last_cob_date::text AS last FROM loans WHERE id = $1', [loanId]);
    expect(state.last).toBe(yesterday);
    const after = await row(loanId);
    expect(after.schedule).toBe(before.schedule);
    expect(after.length).toBeLessThan(JSON.stringify(rows).length / 2);
    expect(await schedule(loanId)).toEqual(rows);
  });

  it("moves the first due date with the schedule, whoever rewrites it", async () => {
    const { loanId } = await disbursedLoan(app, lender, { termCount: 12 });
    const { dueDates } = await ageLoan(app, loanId, 45);
    expect((await row(loanId)).firstDueDate).toBe(dueDates[0]);
    expect((await schedule(loanId))[0].dueDate).toBe(dueDates[0]);
  });
});
