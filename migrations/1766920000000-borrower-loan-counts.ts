import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BORROWER_COUNTS_INSERT_ROW_TRIGGER_SQL, loansDistributed } from '../src/platform/db/citus';

/**
 * What the portfolio snapshot needs of each borrower, kept on the borrower: `live_loans`, their ACTIVE
 * loans, and `first_disbursed_on`, the date of their first disbursed loan. The snapshot counted both
 * with a second read of the whole loans table grouped by borrower, a hash of every borrower built on
 * one core after the parallel read of the book (2-3 s of a million-loan night's 7-8 s snapshot); read
 * from the borrower row it joins anyway, that read is gone and the whole join runs on the workers.
 *
 * The database keeps the two true, whoever writes (as it keeps the exposure cells): loans inserted add
 * themselves (a statement's loans together: a seeding's thousands are one update per borrower); a
 * change of a loan's status, borrower or disbursement date moves it; a deleted loan leaves. A count
 * moves by deltas under the borrower's row lock, so concurrent loans of one borrower never lose one.
 * The first date only moves earlier, except when a loan leaves the borrower or its date moves later:
 * then it is read again, after the borrower's row is locked (so the read sees every loan committed by
 * then). The nightly run changes none of these columns, so it fires none of this. On Citus the insert
 * trigger is row-level (see src/platform/db/citus.ts).
 */
export class BorrowerLoanCounts1766920000000 implements MigrationInterface {
  name = 'BorrowerLoanCounts1766920000000';

  async up(q: QueryRunner): Promise<void> {
    const distributed = await loansDistributed(q);
    const statements = [
      'ALTER TABLE borrowers ADD COLUMN live_loans integer NOT NULL DEFAULT 0, ADD COLUMN first_disbursed_on date',
      `COMMENT ON COLUMN borrowers.live_loans IS 'the borrower''s ACTIVE loans (kept by the loans triggers)'`,
      `COMMENT ON COLUMN borrowers.first_disbursed_on IS 'the disbursement date of the borrower''s first loan (kept by the loans triggers)'`,

      `CREATE FUNCTION loans_borrower_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE borrowers b SET live_loans = b.live_loans + n.live, first_disbursed_on = least(b.first_disbursed_on, n.first)
         FROM (SELECT tenant_id, borrower_id, count(*) FILTER (WHERE status = 'ACTIVE')::int AS live, min(disbursement_date) AS first
               FROM new_rows GROUP BY tenant_id, borrower_id) n
         WHERE b.tenant_id = n.tenant_id AND b.id = n.borrower_id AND (n.live > 0 OR n.first IS NOT NULL);
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION loans_borrower_counts_inserted_row() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE borrowers SET live_loans = live_loans + (NEW.status = 'ACTIVE')::int, first_disbursed_on = least(first_disbursed_on, NEW.disbursement_date)
         WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
         RETURN NULL;
       END $$`,
      distributed ? BORROWER_COUNTS_INSERT_ROW_TRIGGER_SQL
        : `CREATE TRIGGER loans_borrower_counts_inserted AFTER INSERT ON loans REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loans_borrower_counts_inserted()`,

      // Out of the old borrower's counts, into the new one's (one update when the borrower stays).
      `CREATE FUNCTION loans_borrower_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE left_first boolean;
       BEGIN
         IF TG_OP = 'UPDATE' AND OLD.borrower_id = NEW.borrower_id THEN
           UPDATE borrowers SET live_loans = live_loans + (NEW.status = 'ACTIVE')::int - (OLD.status = 'ACTIVE')::int,
                                first_disbursed_on = least(first_disbursed_on, NEW.disbursement_date)
           WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
         ELSE
           UPDATE borrowers SET live_loans = live_loans - (OLD.status = 'ACTIVE')::int WHERE tenant_id = OLD.tenant_id AND id = OLD.borrower_id;
           IF TG_OP = 'UPDATE' THEN
             UPDATE borrowers SET live_loans = live_loans + (NEW.status = 'ACTIVE')::int, first_disbursed_on = least(first_disbursed_on, NEW.disbursement_date)
             WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
           END IF;
         END IF;
         -- The old borrower's first date, read again when this loan may have been it (the row is locked
         -- by the update above, and this statement's snapshot is taken after it).
         IF TG_OP = 'DELETE' THEN
           left_first := OLD.disbursement_date IS NOT NULL;
         ELSE
           left_first := OLD.disbursement_date IS NOT NULL AND (OLD.borrower_id <> NEW.borrower_id OR NEW.disbursement_date IS NULL OR NEW.disbursement_date > OLD.disbursement_date);
         END IF;
         IF left_first THEN
           UPDATE borrowers b SET first_disbursed_on = (SELECT min(l.disbursement_date) FROM loans l WHERE l.tenant_id = b.tenant_id AND l.borrower_id = b.id)
           WHERE b.tenant_id = OLD.tenant_id AND b.id = OLD.borrower_id;
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER loans_borrower_counts_updated AFTER UPDATE OF status, borrower_id, disbursement_date ON loans
       FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.borrower_id IS DISTINCT FROM NEW.borrower_id
                          OR OLD.disbursement_date IS DISTINCT FROM NEW.disbursement_date)
       EXECUTE FUNCTION loans_borrower_counts_changed()`,
      `CREATE TRIGGER loans_borrower_counts_deleted AFTER DELETE ON loans FOR EACH ROW EXECUTE FUNCTION loans_borrower_counts_changed()`,

      // The book as it stands.
      `UPDATE borrowers b SET live_loans = x.live, first_disbursed_on = x.first
       FROM (SELECT tenant_id, borrower_id, count(*) FILTER (WHERE status = 'ACTIVE')::int AS live, min(disbursement_date) AS first
             FROM loans GROUP BY tenant_id, borrower_id) x
       WHERE b.tenant_id = x.tenant_id AND b.id = x.borrower_id`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS loans_borrower_counts_deleted ON loans');
    await q.query('DROP TRIGGER IF EXISTS loans_borrower_counts_updated ON loans');
    await q.query('DROP TRIGGER IF EXISTS loans_borrower_counts_inserted ON loans');
    for (const f of ['loans_borrower_counts_changed()', 'loans_borrower_counts_inserted_row()', 'loans_borrower_counts_inserted()']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    }
    await q.query('ALTER TABLE borrowers DROP COLUMN IF EXISTS first_disbursed_on, DROP COLUMN IF EXISTS live_loans');
  }
}
