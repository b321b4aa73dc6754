import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EXPOSURE_INSERT_ROW_TRIGGER_SQL, colocateWithLoans, loansDistributed } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * The book's outstanding principal kept by cell (currency, product, the borrower's region and
 * industry), so a decision reads its concentration limits' exposure from a few rows instead of
 * summing the ledger over every active loan (3.4–5 s a decision at 100,000 loans, and growing with
 * the book).
 *
 * The database keeps the cells true, whoever writes: loans inserted active add their outstanding
 * principal (a statement's loans together: a seeding's thousands are one upsert per cell); a change
 * of a loan's outstanding principal, status, product, borrower or currency moves it (a loan counts
 * while ACTIVE, as the ledger-summing read counted it); a borrower moving region or industry moves
 * their active loans. Each cell is split in 16 stripes by loan, so repayments of loans of one cell
 * do not queue on one row. The nightly run changes none of those columns, so it fires none of this.
 * On Citus the insert trigger is row-level (statement triggers with transition tables are not
 * distributed; see src/platform/db/citus.ts).
 */
export class ExposureCells1766850000000 implements MigrationInterface {
  name = 'ExposureCells1766850000000';

  async up(q: QueryRunner): Promise<void> {
    const distributed = await loansDistributed(q);
    const statements = [
      `CREATE TABLE exposure_cells (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         currency text NOT NULL,
         product_id uuid NOT NULL,
         region text NOT NULL,
         industry text NOT NULL,
         stripe smallint NOT NULL,
         principal numeric(20, 4) NOT NULL,
         PRIMARY KEY (tenant_id, currency, product_id, region, industry, stripe)
       )`,
      `COMMENT ON COLUMN exposure_cells.region IS 'the borrowers'' region; empty when they have none'`,
      `COMMENT ON COLUMN exposure_cells.industry IS 'the borrowers'' industry; empty when they have none'`,
      // Tenant-owned: row-level security (tenant_isolation) and the app role's grants.
      ...tenantTableSql('exposure_cells'),

      `CREATE FUNCTION exposure_add(t uuid, cur text, product uuid, reg text, ind text, loan uuid, delta numeric) RETURNS void LANGUAGE sql AS $$
         INSERT INTO exposure_cells AS c (tenant_id, currency, product_id, region, industry, stripe, principal)
         SELECT t, cur, product, coalesce(reg, ''), coalesce(ind, ''), hashtext(loan::text) & 15, delta WHERE delta <> 0
         ON CONFLICT (tenant_id, currency, product_id, region, industry, stripe) DO UPDATE SET principal = c.principal + EXCLUDED.principal
       $$`,

      `CREATE FUNCTION loans_exposure_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO exposure_cells AS c (tenant_id, currency, product_id, region, industry, stripe, principal)
         SELECT n.tenant_id, n.currency, n.product_id, coalesce(b.region, ''), coalesce(b.industry, ''), hashtext(n.id::text) & 15, sum(coalesce(n.principal_outstanding, 0))
         FROM new_rows n
         -- Each loan's borrower by key (see 1766840000000-outbox-lookups: joined, an unanalysed table can
         -- make the planner scan the tenant's borrowers once per new loan).
         CROSS JOIN LATERAL (SELECT x.region, x.industry FROM borrowers x WHERE x.tenant_id = n.tenant_id AND x.id = n.borrower_id OFFSET 0) b
         WHERE n.status = 'ACTIVE'
         GROUP BY 1, 2, 3, 4, 5, 6
         HAVING sum(coalesce(n.principal_outstanding, 0)) <> 0
         ON CONFLICT (tenant_id, currency, product_id, region, industry, stripe) DO UPDATE SET principal = c.principal + EXCLUDED.principal;
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION loans_exposure_inserted_row() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE reg text; ind text;
       BEGIN
         SELECT region, industry INTO reg, ind FROM borrowers WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
         PERFORM exposure_add(NEW.tenant_id, NEW.currency, NEW.product_id, reg, ind, NEW.id, coalesce(NEW.principal_outstanding, 0));
         RETURN NULL;
       END $$`,
      distributed ? EXPOSURE_INSERT_ROW_TRIGGER_SQL
        : `CREATE TRIGGER loans_exposure_inserted AFTER INSERT ON loans REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loans_exposure_inserted()`,

      // Out of its old cell, into its new one (one move when neither the cell nor the counting changed).
      `CREATE FUNCTION loans_exposure_updated() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE reg text; ind text;
       BEGIN
         IF OLD.status = 'ACTIVE' AND NEW.status = 'ACTIVE' AND OLD.borrower_id = NEW.borrower_id AND OLD.product_id = NEW.product_id AND OLD.currency = NEW.currency THEN
           SELECT region, industry INTO reg, ind FROM borrowers WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
           PERFORM exposure_add(NEW.tenant_id, NEW.currency, NEW.product_id, reg, ind, NEW.id,
                                coalesce(NEW.principal_outstanding, 0) - coalesce(OLD.principal_outstanding, 0));
           RETURN NULL;
         END IF;
         IF OLD.status = 'ACTIVE' THEN
           SELECT region, industry INTO reg, ind FROM borrowers WHERE tenant_id = OLD.tenant_id AND id = OLD.borrower_id;
           PERFORM exposure_add(OLD.tenant_id, OLD.currency, OLD.product_id, reg, ind, OLD.id, -coalesce(OLD.principal_outstanding, 0));
         END IF;
         IF NEW.status = 'ACTIVE' THEN
           SELECT region, industry INTO reg, ind FROM borrowers WHERE tenant_id = NEW.tenant_id AND id = NEW.borrower_id;
           PERFORM exposure_add(NEW.tenant_id, NEW.currency, NEW.product_id, reg, ind, NEW.id, coalesce(NEW.principal_outstanding, 0));
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER loans_exposure_updated AFTER UPDATE OF principal_outstanding, status, product_id, borrower_id, currency ON loans
       FOR EACH ROW WHEN (OLD.principal_outstanding IS DISTINCT FROM NEW.principal_outstanding OR OLD.status IS DISTINCT FROM NEW.status
                          OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.borrower_id IS DISTINCT FROM NEW.borrower_id OR OLD.currency IS DISTINCT FROM NEW.currency)
       EXECUTE FUNCTION loans_exposure_updated()`,

      `CREATE FUNCTION borrowers_exposure_moved() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM exposure_add(l.tenant_id, l.currency, l.product_id, OLD.region, OLD.industry, l.id, -coalesce(l.principal_outstanding, 0)),
                 exposure_add(l.tenant_id, l.currency, l.product_id, NEW.region, NEW.industry, l.id, coalesce(l.principal_outstanding, 0))
         FROM loans l WHERE l.tenant_id = NEW.tenant_id AND l.borrower_id = NEW.id AND l.status = 'ACTIVE';
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER borrowers_exposure_moved AFTER UPDATE OF region, industry ON borrowers
       FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region OR OLD.industry IS DISTINCT FROM NEW.industry)
       EXECUTE FUNCTION borrowers_exposure_moved()`,

      // The book as it stands.
      `INSERT INTO exposure_cells (tenant_id, currency, product_id, region, industry, stripe, principal)
       SELECT l.tenant_id, l.currency, l.product_id, coalesce(b.region, ''), coalesce(b.industry, ''), hashtext(l.id::text) & 15, sum(coalesce(l.principal_outstanding, 0))
       FROM loans l JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
       WHERE l.status = 'ACTIVE'
       GROUP BY 1, 2, 3, 4, 5, 6
       HAVING sum(coalesce(l.principal_outstanding, 0)) <> 0`,
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['exposure_cells']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS borrowers_exposure_moved ON borrowers');
    await q.query('DROP TRIGGER IF EXISTS loans_exposure_updated ON loans');
    await q.query('DROP TRIGGER IF EXISTS loans_exposure_inserted ON loans');
    for (const f of ['borrowers_exposure_moved()', 'loans_exposure_updated()', 'loans_exposure_inserted()', 'loans_exposure_inserted_row()', 'exposure_add(uuid, text, uuid, text, text, uuid, numeric)']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    }
    await q.query('DROP TABLE IF EXISTS exposure_cells');
  }
}
