/** The identity module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { BorrowerEntity } from './borrower.entity';
export { ActorTypeEnum, RoleEnum, StaffUserType } from './dto/identity.type';
export { toStaffUserType } from './identity.mapper';
export { StaffUserEntity } from './staff-user.entity';
export { STAFF_USERS } from './staff-user.loader';
export type { StaffUserService } from './staff-user.service';
