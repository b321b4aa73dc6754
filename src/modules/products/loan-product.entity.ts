import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductTerms, Segment } from '../../core/products/product-terms';

export type LoanProductStatus = 'ACTIVE' | 'ARCHIVED';

/** A product of the catalogue; what it offers lives in its versions. */
@Entity({ name: 'loan_products' })
export class LoanProductEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') segment!: Segment;
  @Column('char', { length: 3 }) currency!: string;
  @Column('boolean') revolving!: boolean;
  @Column('text') status!: LoanProductStatus;
  @Column('integer', { name: 'current_version' }) currentVersion!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'archived_at', nullable: true }) archivedAt!: Date | null;
}

/** One immutable version of a product's terms. Loans and offers keep the version they were made on. */
@Entity({ name: 'loan_product_versions' })
export class LoanProductVersionEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'product_id' }) productId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') terms!: ProductTerms;
  @Column('numeric', { name: 'max_apr', nullable: true }) maxApr!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text', { name: 'created_by_type' }) createdByType!: string;
  @Column('text', { name: 'created_by_id', nullable: true }) createdById!: string | null;
}
