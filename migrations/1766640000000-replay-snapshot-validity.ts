import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database keeps every replay snapshot true to its loan's history, so a repayment reads only the
 * latest snapshot and what came after its point (not the whole history to re-check it):
 *
 * - a trigger on loan_transactions deletes, in the writing transaction, the loan's snapshots at or
 *   after the point of a transaction inserted, reversed (any change of what the replay reads) or
 *   deleted: whoever writes it (a deployment with snapshots off, a script, the owner). A snapshot
 *   stored by the same statement as the insert already includes it: `history_seq` (the highest seq
 *   its replay saw) spares it. A change of terms or schedule is caught by the snapshot's basis, read
 *   from the loan row itself.
 * - an index on the date of each posting's allocation, so only the postings from the snapshot's day
 *   on are read to reconcile.
 *
 * Snapshots taken before this (engine 1) are dropped: nothing kept them true then. Derived data: the
 * next replay of each loan starts from disbursement and takes new ones.
 */
export class ReplaySnapshotValidity1766640000000 implements MigrationInterface {
  name = 'ReplaySnapshotValidity1766640000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `DELETE FROM loan_replay_snapshots`,
      `ALTER TABLE loan_replay_snapshots ADD COLUMN history_seq integer NOT NULL`,
      `CREATE INDEX loan_postings_by_date ON loan_postings (tenant_id, loan_id, (allocation->>'effectiveDate'))`,
      `CREATE FUNCTION loan_replay_snapshots_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' THEN
           IF TG_OP = 'UPDATE' AND (OLD.tenant_id, OLD.loan_id, OLD.id, OLD.kind, OLD.effective_date, OLD.amount, OLD.seq, OLD.status)
                IS NOT DISTINCT FROM (NEW.tenant_id, NEW.loan_id, NEW.id, NEW.kind, NEW.effective_date, NEW.amount, NEW.seq, NEW.status) THEN
             RETURN NULL;
           END IF;
           DELETE FROM loan_replay_snapshots s WHERE s.tenant_id = OLD.tenant_id AND s.loan_id = OLD.loan_id
             AND (s.through_date, s.through_seq) >= (OLD.effective_date, OLD.seq);
         END IF;
         IF TG_OP <> 'DELETE' THEN
           DELETE FROM loan_replay_snapshots s WHERE s.tenant_id = NEW.tenant_id AND s.loan_id = NEW.loan_id
             AND (s.through_date, s.through_seq) >= (NEW.effective_date, NEW.seq) AND (TG_OP = 'UPDATE' OR s.history_seq < NEW.seq);
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER loan_transactions_replay_snapshots AFTER INSERT OR UPDATE OR DELETE ON loan_transactions
       FOR EACH ROW EXECUTE FUNCTION loan_replay_snapshots_invalidate()`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS loan_transactions_replay_snapshots ON loan_transactions');
    await q.query('DROP FUNCTION IF EXISTS loan_replay_snapshots_invalidate()');
    await q.query('DROP INDEX IF EXISTS loan_postings_by_date');
    await q.query('ALTER TABLE loan_replay_snapshots DROP COLUMN IF EXISTS history_seq');
  }
}
