import type { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNATURE = 'exposure_add(t uuid, cur text, product uuid, reg text, ind text, loan uuid, delta numeric)';

const UPSERT = `INSERT INTO exposure_cells AS c (tenant_id, currency, product_id, region, industry, stripe, principal)
         SELECT t, cur, product, coalesce(reg, ''), coalesce(ind, ''), hashtext(loan::text) & 15, delta WHERE delta <> 0
         ON CONFLICT (tenant_id, currency, product_id, region, industry, stripe) DO UPDATE SET principal = c.principal + EXCLUDED.principal`;

/**
 * `exposure_add`, which moves a loan's outstanding principal between exposure cells, rewritten in
 * PL/pgSQL. Every change of a loan's outstanding principal calls it from the loans trigger (each
 * repayment, disbursement, write-off), and as a SQL-language function called from PL/pgSQL it was
 * parsed and planned again on every call: 0.26 ms a call against 0.03 ms for the upsert it runs. A
 * PL/pgSQL function keeps the upsert's plan for the connection. Same name, arguments and effect
 * (CREATE OR REPLACE keeps the grants); the triggers that call it are unchanged.
 */
export class ExposureAddPlpgsql1766900000000 implements MigrationInterface {
  name = 'ExposureAddPlpgsql1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         ${UPSERT};
       END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS void LANGUAGE sql AS $$
         ${UPSERT}
       $$`);
  }
}
