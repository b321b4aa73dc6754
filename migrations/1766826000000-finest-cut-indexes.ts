import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The finest cut of the portfolio snapshots (grouping 1: product, segment, region, agent, grade and
 * bucket together) is what a filter on several dimensions, and every agent's key, reads. It holds
 * tens of thousands of rows a day on a large book, so a month of it is millions: reach it by the
 * agent or the region asked for (the most selective filters), not by scanning the day.
 */
export class FinestCutIndexes1766826000000 implements MigrationInterface {
  name = 'FinestCutIndexes1766826000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX portfolio_snapshots_finest_agent ON portfolio_snapshots (tenant_id, agent_id, as_of) WHERE grouping = 1');
    await q.query('CREATE INDEX portfolio_snapshots_finest_region ON portfolio_snapshots (tenant_id, region, as_of) WHERE grouping = 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS portfolio_snapshots_finest_agent');
    await q.query('DROP INDEX IF EXISTS portfolio_snapshots_finest_region');
  }
}
