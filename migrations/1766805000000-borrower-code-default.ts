import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A borrower inserted without a referral code (bulk seeding, imports) got 10 hex digits: 40 bits, so
 * a million borrowers collide with even odds. The default is 16 now (64 bits); the API still gives
 * borrowers a 10-character readable code.
 */
export class BorrowerCodeDefault1766805000000 implements MigrationInterface {
  name = 'BorrowerCodeDefault1766805000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE borrowers ALTER COLUMN referral_code SET DEFAULT upper(substr(md5(gen_random_uuid()::text), 1, 16))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE borrowers ALTER COLUMN referral_code SET DEFAULT upper(substr(md5(gen_random_uuid()::text), 1, 10))');
  }
}
