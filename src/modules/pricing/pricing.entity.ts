import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AprConvention } from '../../core/loan-math';

/** A published reference rate value (shared by all tenants), in force from a date. */
@Entity({ name: 'reference_rates' })
export class ReferenceRateEntity {
  @PrimaryColumn('text') name!: string;
  @PrimaryColumn('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('numeric') rate!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** A tenant's interest-rate cap for a jurisdiction, in force from a date. */
@Entity({ name: 'rate_cap_rules' })
export class RateCapRuleEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') jurisdiction!: string;
  @Column('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('text') kind!: 'FIXED' | 'MULTIPLE_OF_REFERENCE';
  @Column('numeric', { nullable: true }) rate!: string | null;
  @Column('text', { name: 'reference_name', nullable: true }) referenceName!: string | null;
  @Column('numeric', { nullable: true }) multiple!: string | null;
  @Column('text', { name: 'apr_convention' }) aprConvention!: AprConvention;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
