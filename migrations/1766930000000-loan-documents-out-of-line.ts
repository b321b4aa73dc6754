import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The loan's short text columns and its servicing terms: read by every night, kept in the row as they are. */
const KEPT_IN_ROW = ['currency', 'status', 'disbursement_ref', 'agent_id', 'bucket', 'rounding_mode', 'servicing_terms'];

/**
 * A loan's row as the nightly run writes it: narrow. Every night rewrites every active loan's row (a
 * HOT update of its servicing columns), and PostgreSQL writes the whole row each time, the frozen
 * schedule with it: compressed in the row, a 12-instalment schedule was 535 of the row's 1,406 bytes
 * (fillfactor 50: 2.8 kB of table a loan). The schedule and the other documents the night never
 * writes (the replayed interest schedule, the penalty rows) now go to the table's TOAST relation
 * whenever a row is toasted at all (`toast_tuple_target` 128: PostgreSQL toasts a row of more than 2 kB,
 * and then moves its documents out until the row is small), and an update that leaves them alone
 * carries their 18-byte pointers, not their bytes. On a 300,000-loan book the table went from 813 MB
 * to 215 MB and the night's UPDATE of every loan from 1.8-2.4 s to 1.1-1.2 s; the snapshot's read of
 * the book reads a quarter of the pages. The short text columns and the servicing terms (311 bytes,
 * read every night for the loan's buckets and day count) stay in the row uncompressed, as they were
 * (PLAIN: never moved out, never compressed again on each update).
 *
 * What the night read of the schedule, its first due date (where penalty starts for a loan never
 * replayed), is a column of its own, kept by a trigger on whatever writes the schedule: read from
 * the schedule out of line, each loan would cost a TOAST fetch every night.
 *
 * Loans already booked are written once here with their schedule as a new value, so PostgreSQL
 * toasts them as it toasts a new loan (a rewrite of the table, once); the trigger sets their dates.
 * A loan whose whole row is under 2 kB (a schedule of a few instalments) is not toasted and stays
 * as it was. The 12-instalment loans of the benchmark's book are toasted.
 */
export class LoanDocumentsOutOfLine1766930000000 implements MigrationInterface {
  name = 'LoanDocumentsOutOfLine1766930000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      'ALTER TABLE loans ADD COLUMN first_due_date date',
      `COMMENT ON COLUMN loans.first_due_date IS 'the schedule''s first due date (kept by the loans_first_due_date trigger)'`,
      `CREATE FUNCTION loans_first_due_date() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.first_due_date := (NEW.schedule -> 0 ->> 'dueDate')::date;
         RETURN NEW;
       END $$`,
      'CREATE TRIGGER loans_first_due_date BEFORE INSERT OR UPDATE OF schedule ON loans FOR EACH ROW EXECUTE FUNCTION loans_first_due_date()',
      `ALTER TABLE loans ${KEPT_IN_ROW.map((c) => `ALTER COLUMN ${c} SET STORAGE PLAIN`).join(', ')}`,
      'ALTER TABLE loans SET (toast_tuple_target = 128)',
      // A new value (the same array) is toasted afresh; the trigger dates it.
      `UPDATE loans SET schedule = schedule || '[]'::jsonb`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loans RESET (toast_tuple_target)');
    await q.query(`ALTER TABLE loans ${KEPT_IN_ROW.map((c) => `ALTER COLUMN ${c} SET STORAGE EXTENDED`).join(', ')}`);
    await q.query('DROP TRIGGER IF EXISTS loans_first_due_date ON loans');
    await q.query('DROP FUNCTION IF EXISTS loans_first_due_date()');
    await q.query('ALTER TABLE loans DROP COLUMN IF EXISTS first_due_date');
  }
}
