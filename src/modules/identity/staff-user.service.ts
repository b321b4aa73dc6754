import { announceCredentialChange } from '../../platform/auth/credential-changes';
import { hashPassword } from '../../platform/auth/passwords';
import { uuidv7 } from '../../platform/db/ids';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { type Role, STAFF_ROLES } from '../../platform/tenancy/roles';
import type { AuditService } from '../../platform/audit/audit.service';
import { StaffUserEntity, type StaffUserStatus } from './staff-user.entity';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 12;

export interface NewStaffUser {
  email: string;
  fullName: string;
  roles: Role[];
  password: string;
}

/** The people of a lender and what they may do. */
export class StaffUserService {
  constructor(
    private readonly audit: AuditService,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
  ) {}

  async create(ctx: RequestContext, input: NewStaffUser): Promise<StaffUserEntity> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL_RE.test(email)) throw badInput('input.email', 'not an email address');
    if (!input.fullName.trim()) throw badInput('input.fullName', 'fullName is required');
    this.checkRoles(input.roles, 'input.roles');
    if (input.password.length < MIN_PASSWORD_LENGTH) throw badInput('input.password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const repo = (await ctx.db()).getRepository(StaffUserEntity);
    if (await repo.createQueryBuilder('u').where('lower(u.email) = :email', { email }).getExists()) {
      throw conflict(`A staff user with email ${email} already exists`, { field: 'input.email' });
    }
    const now = new Date();
    const user = Object.assign(new StaffUserEntity(), {
      tenantId: ctx.tenant, id: uuidv7(), email, fullName: input.fullName.trim(), passwordHash: await hashPassword(input.password),
      roles: [...new Set(input.roles)], status: 'ACTIVE' as const, lastLoginAt: null, createdAt: now, updatedAt: now,
    });
    await repo.insert(user);
    await this.audit.record(ctx, { action: 'staffUser.created', entityType: 'StaffUser', entityId: user.id, after: { email, fullName: user.fullName, roles: user.roles } });
    return user;
  }

  async list(ctx: RequestContext, args: PageArgs & { status?: StaffUserStatus }): Promise<Connection<StaffUserEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(StaffUserEntity).createQueryBuilder('u').orderBy('u.id', 'ASC').limit(size + 1);
    if (args.after) qb.andWhere('u.id > :after', { after: decodeCursor(args.after) });
    if (args.status) qb.andWhere('u.status = :status', { status: args.status });
    return toConnection(await qb.getMany(), size, (u) => u.id, Boolean(args.after));
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<StaffUserEntity> {
    const user = await (await ctx.db()).getRepository(StaffUserEntity).findOneBy({ id });
    if (!user) throw notFound('StaffUser', id);
    return user;
  }

  async setRoles(ctx: RequestContext, id: string, roles: Role[]): Promise<StaffUserEntity> {
    this.checkRoles(roles, 'roles');
    return this.change(ctx, id, 'staffUser.rolesChanged', { roles: [...new Set(roles)] });
  }

  async setStatus(ctx: RequestContext, id: string, status: StaffUserStatus): Promise<StaffUserEntity> {
    if (status === 'DISABLED' && ctx.actor.type === 'STAFF_USER' && ctx.actor.id === id) throw badInput('id', 'you cannot disable yourself');
    return this.change(ctx, id, 'staffUser.statusChanged', { status });
  }

  /** An approver's authority: the largest amount they may approve (null: none), and the approval groups they sit on. */
  async setApprovalAuthority(ctx: RequestContext, id: string, approvalLimit: string | null, groups: string[]): Promise<StaffUserEntity> {
    if (approvalLimit !== null && new Dec(approvalLimit).isNeg()) throw badInput('approvalLimit', 'must not be negative');
    const repo = (await ctx.db()).getRepository(StaffUserEntity);
    const user = await repo.createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
    if (!user) throw notFound('StaffUser', id);
    const before = { approvalLimit: user.approvalLimit, approvalGroups: user.approvalGroups };
    await repo.update({ tenantId: user.tenantId, id }, { approvalLimit, approvalGroups: [...new Set(groups)], updatedAt: new Date() });
    await this.audit.record(ctx, { action: 'staffUser.authorityChanged', entityType: 'StaffUser', entityId: id, before, after: { approvalLimit, approvalGroups: groups } });
    return (await repo.findOneBy({ id }))!;
  }

  private async change(ctx: RequestContext, id: string, action: string, patch: Partial<Pick<StaffUserEntity, 'roles' | 'status'>>): Promise<StaffUserEntity> {
    const repo = (await ctx.db()).getRepository(StaffUserEntity);
    const user = await repo.createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
    if (!user) throw notFound('StaffUser', id);
    const before = { roles: user.roles, status: user.status };
    Object.assign(user, patch, { updatedAt: new Date() });
    await repo.update({ tenantId: user.tenantId, id: user.id }, { ...patch, updatedAt: user.updatedAt });
    await announceCredentialChange(ctx, { kind: 'staff_user', id });
    await this.audit.record(ctx, { action, entityType: 'StaffUser', entityId: id, before, after: { roles: user.roles, status: user.status } });
    return user;
  }

  private checkRoles(roles: Role[], field: string): void {
    if (roles.length === 0) throw badInput(field, 'at least one role is required');
    const bad = roles.find((r) => !STAFF_ROLES.includes(r));
    if (bad) throw badInput(field, `a staff user cannot hold ${bad}; allowed: ${STAFF_ROLES.join(', ')}`);
  }
}
