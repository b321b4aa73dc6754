import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An agent's identity check (the borrowers' KYC provider) and its signed agent agreement (the text's hash and the signer's evidence). */
export class AgentKycAgreement1766790000000 implements MigrationInterface {
  name = 'AgentKycAgreement1766790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents
      ADD COLUMN kyc_status text CHECK (kyc_status IN ('VERIFIED', 'FAILED')), ADD COLUMN kyc_provider text, ADD COLUMN kyc_reference text, ADD COLUMN kyc_checked_at timestamptz,
      ADD COLUMN national_id_bidx text, ADD COLUMN national_id_last4 text,
      ADD COLUMN agreement_sha256 text, ADD COLUMN agreement_signer text, ADD COLUMN agreement_signed_at timestamptz, ADD COLUMN agreement_ip text, ADD COLUMN agreement_user_agent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents DROP COLUMN kyc_status, DROP COLUMN kyc_provider, DROP COLUMN kyc_reference, DROP COLUMN kyc_checked_at, DROP COLUMN national_id_bidx,
      DROP COLUMN national_id_last4, DROP COLUMN agreement_sha256, DROP COLUMN agreement_signer, DROP COLUMN agreement_signed_at, DROP COLUMN agreement_ip, DROP COLUMN agreement_user_agent`);
  }
}
