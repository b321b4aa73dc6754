import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';
import { ApiKeys } from './api-keys';
import { AuditLog } from './audit-log';
import { CloseOfBusiness } from './close-of-business';
import { StaffUsers } from './staff-users';
import { Webhooks } from './webhooks';

/** Settings: API keys (the secret shown once), staff and their roles, webhooks and their deliveries, the audit log and its verification, close of business and its progress. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const tabs = [
    { value: 'keys', label: t('settings.apiKeys'), show: can(roles, 'Query', 'apiKeys'), element: <ApiKeys /> },
    { value: 'staff', label: t('settings.staff'), show: can(roles, 'Query', 'staffUsers'), element: <StaffUsers /> },
    { value: 'webhooks', label: t('settings.webhooks'), show: can(roles, 'Query', 'webhookEndpoints'), element: <Webhooks /> },
    { value: 'cob', label: t('settings.cob'), show: can(roles, 'Query', 'cobRuns'), element: <CloseOfBusiness /> },
    { value: 'audit', label: t('settings.audit'), show: can(roles, 'Query', 'auditLog'), element: <AuditLog /> },
  ].filter((x) => x.show);
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs defaultValue={tabs[0]?.value} keepMounted={false}>
        <Tabs.List>{tabs.map((x) => <Tabs.Tab key={x.value} value={x.value}>{x.label}</Tabs.Tab>)}</Tabs.List>
        {tabs.map((x) => <Tabs.Panel key={x.value} value={x.value} pt="sm">{x.element}</Tabs.Panel>)}
      </Tabs>
    </Stack>
  );
}
