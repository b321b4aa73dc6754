import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';

/**
 * Request counters per caller and minute, shared by every API replica when the queues (and so the
 * limiter) are not on Redis. UNLOGGED: counters are worth nothing after a crash. Platform state,
 * not tenant data: keys name a credential or an address, and old windows are deleted as they pass.
 */
export class RateLimits1765600000000 implements MigrationInterface {
  name = 'RateLimits1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE rate_limit_windows (
      key text NOT NULL,
      window_start bigint NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_windows TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rate_limit_windows');
  }
}
