import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The identity part of a borrower: the tenant front-end's own reference for its user. Origination
 * extends the borrower with personal and business data.
 */
@Entity({ name: 'borrowers' })
export class BorrowerEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'external_ref' }) externalRef!: string;
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
