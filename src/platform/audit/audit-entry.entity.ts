import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One link of a tenant's append-only, hash-chained audit log. */
@Entity({ name: 'audit_entries' })
export class AuditEntryEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('smallint') lane!: number;
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) seq!: number;
  @Column('uuid') id!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('text', { name: 'actor_type' }) actorType!: string;
  @Column('text', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id' }) entityId!: string;
  @Column('jsonb', { nullable: true }) before!: unknown;
  @Column('jsonb', { nullable: true }) after!: unknown;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('char', { length: 64 }) hash!: string;
}
