import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CITUS_DISTRIBUTE_GUC, CITUS_TRIGGER_REWRITE_SQL, TRANSITION_TRIGGERS_SQL, distributionSql, planDistribution, readSchemaCatalog,
} from '../src/platform/db/citus';

/**
 * Citus (off by default): with `CITUS_DISTRIBUTE=true` (config passes it to the migration as the
 * `microlend.citus_distribute` setting) and the citus extension installed, shared tables become
 * reference tables and every tenant table is distributed on tenant_id, all colocated, in foreign-key
 * order. Otherwise a no-op that records itself. See docs/citus.md for the order of operations and
 * what changes on Citus (the outbox triggers become row-level; the NOTIFY trigger goes).
 */
export class CitusDistribution1765500000000 implements MigrationInterface {
  name = 'CitusDistribution1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ wanted }] = await q.query(`SELECT coalesce(current_setting('${CITUS_DISTRIBUTE_GUC}', true), '') IN ('on', 'true') AS wanted`);
    if (!wanted) return;
    const [{ citus }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`);
    // Asked for but impossible: fail rather than record a no-op that would never run again.
    if (!citus) throw new Error('CITUS_DISTRIBUTE=true but the citus extension is not installed in this database: CREATE EXTENSION citus first (docs/citus.md)');
    const [{ unsafe }] = await q.query(`SELECT coalesce(current_setting('citus.enable_unsafe_triggers', true), 'off') = 'on' AS unsafe`);
    if (!unsafe) throw new Error('Citus needs citus.enable_unsafe_triggers = on for the row triggers of distributed tables (ALTER SYSTEM on every node; docs/citus.md)');
    for (const sql of CITUS_TRIGGER_REWRITE_SQL) await q.query(sql);
    const left = await q.query(TRANSITION_TRIGGERS_SQL);
    if (left.length) throw new Error(`statement triggers with transition tables cannot be distributed: ${left.map((t: any) => `${t.table}.${t.trigger}`).join(', ')}`);
    const plan = planDistribution(await readSchemaCatalog((sql) => q.query(sql)));
    for (const sql of distributionSql(plan)) await q.query(sql);
  }

  async down(): Promise<void> {
    // Undistributing (undistribute_table) is an operator's decision, not a migration's.
  }
}
