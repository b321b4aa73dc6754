import { allow } from 'graphql-shield';
import { TENANT_ANY } from '../../platform/graphql/role-groups';
import { hasRole } from '../../platform/graphql/shield-rules';

export const schedulePermissions = {
  Query: {
    previewSchedule: hasRole(...TENANT_ANY),
    annualPercentageRate: hasRole(...TENANT_ANY),
  },
  SchedulePreview: allow,
  ScheduleInstallment: allow,
  UpfrontFees: allow,
  CapCheck: allow,
  AprResult: allow,
};
