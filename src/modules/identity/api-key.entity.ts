import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../platform/tenancy/roles';

/** A tenant's API key: only the hash of its secret is kept. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('text') role!: Role;
  @Column('text', { name: 'created_by_type' }) createdByType!: string;
  @Column('text', { name: 'created_by_id', nullable: true }) createdById!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @Column('uuid', { name: 'agent_id', nullable: true }) agentId!: string | null;
}

/** An operator key (PLATFORM_ADMIN), outside every tenant. */
@Entity({ name: 'platform_api_keys' })
export class PlatformApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}
