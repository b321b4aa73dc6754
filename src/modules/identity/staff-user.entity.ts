import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../platform/tenancy/roles';

export type StaffUserStatus = 'ACTIVE' | 'DISABLED';

/** A person working for a lender: underwriter, servicer, collector, analyst, admin. */
@Entity({ name: 'staff_users' })
export class StaffUserEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text', { name: 'full_name' }) fullName!: string;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('text', { array: true }) roles!: Role[];
  @Column('text') status!: StaffUserStatus;
  @Column('timestamptz', { name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  /** Consecutive wrong passwords, and until when the account refuses to sign in (see core/auth/lockout). */
  @Column('integer', { name: 'failed_logins' }) failedLogins!: number;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  /** Largest amount this user may approve; null: no limit set, so no approvals. */
  @Column('numeric', { name: 'approval_limit', nullable: true }) approvalLimit!: string | null;
  /** Largest waiver this user may make alone (see the approvals module); null: no personal limit. */
  @Column('numeric', { name: 'waiver_limit', nullable: true }) waiverLimit!: string | null;
  /** Approval groups (committees) this user sits on. */
  @Column('text', { name: 'approval_groups', array: true }) approvalGroups!: string[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
