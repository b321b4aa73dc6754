import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-account lockout: consecutive wrong passwords, and until when the account refuses to sign in. */
export class LoginLockout1766500000000 implements MigrationInterface {
  name = 'LoginLockout1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE staff_users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE staff_users DROP COLUMN failed_logins, DROP COLUMN locked_until');
  }
}
