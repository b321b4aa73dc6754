import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';

/**
 * The credential epoch: one counter that every announced credential change (key revoked, tenant
 * suspended, staff user changed, plan changed) moves in its own transaction. The API keeps verified
 * credentials in memory; a request's first statement reads the epoch with its BEGIN, and a verdict
 * reached before the epoch moved is looked up again, so a change committed anywhere is honoured by
 * every replica's next request that touches the database. Platform state, no tenant column.
 */
export class CredentialEpoch1766655000000 implements MigrationInterface {
  name = 'CredentialEpoch1766655000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE credential_epoch (
      single boolean PRIMARY KEY DEFAULT true CHECK (single),
      epoch bigint NOT NULL
    )`);
    await q.query('INSERT INTO credential_epoch (single, epoch) VALUES (true, 0)');
    await q.query(`GRANT SELECT, UPDATE ON credential_epoch TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS credential_epoch');
  }
}
