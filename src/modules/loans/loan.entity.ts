import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LoanStatus = 'ACTIVE' | 'CLOSED' | 'WRITTEN_OFF' | 'RESTRUCTURED';

/** A disbursed loan: its frozen schedule and terms, and its current servicing state. */
@Entity({ name: 'loans' })
export class LoanEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'application_id' }) applicationId!: string;
  @Column('uuid', { name: 'borrower_id' }) borrowerId!: string;
  @Column('uuid', { name: 'product_id' }) productId!: string;
  @Column('integer', { name: 'product_version' }) productVersion!: number;
  @Column('char', { length: 3 }) currency!: string;
  @Column('numeric') principal!: string;
  @Column('numeric', { name: 'net_disbursed' }) netDisbursed!: string;
  @Column('numeric', { name: 'annual_rate' }) annualRate!: string;
  @Column('numeric') apr!: string;
  @Column('jsonb') schedule!: { number: number; dueDate: string; principal: string; interest: string; fees: string; total: string; balance: string }[];
  @Column('jsonb', { name: 'servicing_terms', nullable: true }) servicingTerms!: Record<string, any> | null;
  @Column('text') status!: LoanStatus;
  @Column('timestamptz', { name: 'disbursed_at' }) disbursedAt!: Date;
  @Column('date', { name: 'disbursement_date', nullable: true }) disbursementDate!: string | null;
  @Column('text', { name: 'disbursement_ref' }) disbursementRef!: string;
  @Column('text', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column('integer') dpd!: number;
  @Column('text') bucket!: string;
  @Column('numeric', { name: 'principal_outstanding', nullable: true }) principalOutstanding!: string | null;
  @Column('numeric', { name: 'total_outstanding', nullable: true }) totalOutstanding!: string | null;
  @Column('numeric', { name: 'overdue_total' }) overdueTotal!: string;
  @Column('numeric', { name: 'credit_balance' }) creditBalance!: string;
  @Column('date', { name: 'next_due_date', nullable: true }) nextDueDate!: string | null;
  @Column('date', { name: 'oldest_unpaid_due_date', nullable: true }) oldestUnpaidDueDate!: string | null;
  @Column('integer', { name: 'next_tx_seq' }) nextTxSeq!: number;
  /** The instalment the nightly run is accruing; those before it count as past due. */
  @Column('integer', { name: 'accrual_index' }) accrualIndex!: number;
  @Column('integer', { name: 'state_version' }) stateVersion!: number;
  /** The last business date the nightly run processed the loan for. */
  @Column('date', { name: 'last_cob_date', nullable: true }) lastCobDate!: string | null;
  @Column('date', { name: 'accrual_period_start', nullable: true }) accrualPeriodStart!: string | null;
  @Column('date', { name: 'accrual_period_end', nullable: true }) accrualPeriodEnd!: string | null;
  /** Past the non-accrual threshold: interest is no longer recognised (after non_accrual_since). */
  @Column('boolean', { name: 'non_accrual' }) nonAccrual!: boolean;
  @Column('date', { name: 'non_accrual_since', nullable: true }) nonAccrualSince!: string | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('uuid', { name: 'restructured_from', nullable: true }) restructuredFrom!: string | null;
  @Column('uuid', { name: 'restructured_into', nullable: true }) restructuredInto!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
