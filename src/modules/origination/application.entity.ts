import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplicationStatus } from '../../core/lifecycle';
import type { Frequency } from '../../core/loan-math';

export type ApplicationSource = 'STAFF' | 'BORROWER' | 'AGENT';

/** A loan application as it moves from submission to disbursement; each stage change is an event row. */
@Entity({ name: 'applications' })
export class ApplicationEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'borrower_id' }) borrowerId!: string;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('numeric', { name: 'requested_amount' }) requestedAmount!: string;
  @Column('integer', { name: 'term_count' }) termCount!: number;
  @Column('text') frequency!: Frequency;
  @Column('text', { nullable: true }) purpose!: string | null;
  @Column('text') status!: ApplicationStatus;
  @Column('timestamptz', { name: 'status_entered_at' }) statusEnteredAt!: Date;
  @Column('text') source!: ApplicationSource;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  /** The agent's own reference for the referral (its CRM id, say); never who gets the credit. */
  @Column('text', { name: 'agent_ref', nullable: true }) agentRef!: string | null;
  /** The referral (lead) the application came from, and the borrower who referred the applicant. */
  @Column('uuid', { name: 'referral_id', nullable: true }) referralId!: string | null;
  @Column('uuid', { name: 'referrer_borrower_id', nullable: true }) referrerBorrowerId!: string | null;
  @Column('text', { name: 'created_by_type' }) createdByType!: string;
  @Column('text', { name: 'created_by_id', nullable: true }) createdById!: string | null;
  @Column('text', { name: 'device_id', nullable: true }) deviceId!: string | null;
  @Column('text', { name: 'risk_grade', nullable: true }) riskGrade!: string | null;
  @Column('integer', { nullable: true }) score!: number | null;
  /** The scorecard's probability of default at decision time. */
  @Column('numeric', { nullable: true }) pd!: string | null;
  @Column('jsonb', { nullable: true }) decision!: Record<string, any> | null;
  @Column('jsonb', { name: 'approval_tier', nullable: true }) approvalTier!: Record<string, any> | null;
  @Column('jsonb', { nullable: true }) offer!: Record<string, any> | null;
  @Column('jsonb', { nullable: true }) contract!: Record<string, any> | null;
  @Column('jsonb', { nullable: true }) signature!: Record<string, any> | null;
  @Column('uuid', { name: 'loan_id', nullable: true }) loanId!: string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
