import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TenantStatus = 'ACTIVE' | 'SUSPENDED';
export type RoundingMode = 'HALF_EVEN' | 'HALF_UP' | 'DOWN' | 'UP';

/** A lender on the platform. The root of every tenant-owned row. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'legal_name' }) legalName!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('text') jurisdiction!: string;
  @Column('char', { name: 'base_currency', length: 3 }) baseCurrency!: string;
  @Column('text') timezone!: string;
  @Column('text') locale!: string;
  @Column('text') status!: TenantStatus;
  @Column('smallint', { name: 'rounding_decimals' }) roundingDecimals!: number;
  @Column('text', { name: 'rounding_mode' }) roundingMode!: RoundingMode;
  @Column('jsonb') settings!: Record<string, unknown>;
  @Column('text', { name: 'config_hash', nullable: true }) configHash!: string | null;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
