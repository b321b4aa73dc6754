import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BorrowerKind = 'INDIVIDUAL' | 'SOLE_PROPRIETOR' | 'SMALL_FIRM';

/**
 * A borrower of a tenant. National ID, phone and bank account are stored encrypted (`*_enc`) with
 * a keyed blind index (`*_bidx`) for duplicate checks and look-ups, and the last four characters
 * for masked display.
 */
@Entity({ name: 'borrowers' })
export class BorrowerEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'external_ref', nullable: true }) externalRef!: string | null;
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  /** The agent key that registered the borrower, if an agent did. */
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  /** The borrower's own code for referring others (customer-to-customer referrals). */
  @Column('text', { name: 'referral_code' }) referralCode!: string;
  /** The front-end (APP key) that signed the borrower in or registered it; null when staff or an agent did. */
  @Column('text', { name: 'app_key_id', nullable: true }) appKeyId!: string | null;
  @Column('text') kind!: BorrowerKind;
  @Column('text', { nullable: true }) segment!: string | null;
  @Column('text', { name: 'full_name', nullable: true }) fullName!: string | null;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  @Column('text', { name: 'national_id_enc', nullable: true }) nationalIdEnc!: string | null;
  @Column('text', { name: 'national_id_bidx', nullable: true }) nationalIdBidx!: string | null;
  @Column('text', { name: 'national_id_last4', nullable: true }) nationalIdLast4!: string | null;
  @Column('text', { name: 'phone_enc', nullable: true }) phoneEnc!: string | null;
  @Column('text', { name: 'phone_bidx', nullable: true }) phoneBidx!: string | null;
  @Column('text', { name: 'phone_last4', nullable: true }) phoneLast4!: string | null;
  @Column('text', { name: 'bank_account_enc', nullable: true }) bankAccountEnc!: string | null;
  @Column('text', { name: 'bank_account_bidx', nullable: true }) bankAccountBidx!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) region!: string | null;
  @Column('text', { nullable: true }) timezone!: string | null;
  @Column('text', { nullable: true }) locale!: string | null;
  @Column('jsonb', { nullable: true }) address!: Record<string, string> | null;
  @Column('text', { nullable: true }) industry!: string | null;
  @Column('numeric', { name: 'monthly_income', nullable: true }) monthlyIncome!: string | null;
  @Column('numeric', { name: 'monthly_obligations', nullable: true }) monthlyObligations!: string | null;
  @Column('jsonb', { nullable: true }) business!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'pseudonymised_at', nullable: true }) pseudonymisedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
