import { Badge, Button, Group, MultiSelect, PasswordInput, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { STAFF_ROLES } from '../../enums';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Staff = graphql(`query ConsoleStaff { staffUsers(first: 100) { nodes { id email fullName roles status lastLoginAt } } }`);
const Create = graphql(`mutation ConsoleCreateStaff($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }`);
const SetRoles = graphql(`mutation ConsoleSetStaffRoles($id: ID!, $roles: [Role!]!) { setStaffUserRoles(id: $id, roles: $roles) { id roles } }`);
const SetStatus = graphql(`mutation ConsoleSetStaffStatus($id: ID!, $status: StaffUserStatus!) { setStaffUserStatus(id: $id, status: $status) { id status } }`);

/** The lender's staff: invite one with roles, change roles, disable or re-enable. */
export function StaffUsers() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: Staff });
  const [form, setForm] = useState({ email: '', fullName: '', password: '', roles: [] as Role[] });
  const [created, create] = useMutation(Create);
  const [rolesSet, setRoles] = useState<Record<string, Role[]>>({});
  const [saved, save] = useMutation(SetRoles);
  const [statusSet, setStatus] = useMutation(SetStatus);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`, r) }));
  const manage = can(roles, 'Mutation', 'setStaffUserRoles');
  return (
    <Stack>
      {can(roles, 'Mutation', 'createStaffUser') && (
        <form onSubmit={(e) => { e.preventDefault(); void create({ input: form }).then((r) => { if (!r.error) { setForm({ email: '', fullName: '', password: '', roles: [] }); reload(); } }); }}>
          <Group align="end">
            <TextInput label={t('settings.fullName')} value={form.fullName} onChange={(e) => { const fullName = e.currentTarget.value; setForm((x) => ({ ...x, fullName })); }} required />
            <TextInput label={t('login.email')} value={form.email} onChange={(e) => { const email = e.currentTarget.value; setForm((x) => ({ ...x, email })); }} required type="email" />
            <PasswordInput label={t('login.password')} value={form.password} onChange={(e) => { const password = e.currentTarget.value; setForm((x) => ({ ...x, password })); }} required />
            <MultiSelect label={t('settings.roles')} data={roleOptions} value={form.roles} onChange={(v) => setForm((x) => ({ ...x, roles: v as Role[] }))} w={280} />
            <Button type="submit" loading={created.fetching}>{t('settings.addStaff')}</Button>
          </Group>
        </form>
      )}
      <ErrorAlert error={created.error ?? saved.error ?? statusSet.error ?? error} />
      <Table striped data-testid="staff-users">
        <Table.Thead><Table.Tr>{(['fullName', 'email', 'roles', 'lastLogin', 'state'] as const).map((c) => <Table.Th key={c}>{t(c === 'email' ? 'login.email' : `settings.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(data?.staffUsers.nodes ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.fullName}</Table.Td><Table.Td>{u.email}</Table.Td>
              <Table.Td>
                {manage ? (
                  <Group gap="xs" wrap="nowrap">
                    <MultiSelect aria-label={t('settings.rolesOf', { name: u.fullName })} data={roleOptions} value={rolesSet[u.id] ?? (u.roles as Role[])} onChange={(v) => setRoles((x) => ({ ...x, [u.id]: v as Role[] }))} w={300} />
                    {rolesSet[u.id] && <Button size="xs" onClick={() => void save({ id: u.id, roles: rolesSet[u.id] }).then((r) => { if (!r.error) setRoles(({ [u.id]: _, ...rest }) => rest); })}>{t('settings.save')}</Button>}
                  </Group>
                ) : u.roles.map((r) => t(`roles.${r}`, r)).join(', ')}
              </Table.Td>
              <Table.Td>{f.dateTime(u.lastLoginAt) || '—'}</Table.Td>
              <Table.Td><Badge variant="light" color={u.status === 'ACTIVE' ? 'green' : 'gray'}>{u.status === 'ACTIVE' ? t('settings.active') : t('settings.disabled')}</Badge></Table.Td>
              <Table.Td>{can(roles, 'Mutation', 'setStaffUserStatus') && <Button size="xs" variant="subtle" color={u.status === 'ACTIVE' ? 'red' : 'blue'} onClick={() => void setStatus({ id: u.id, status: u.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' })}>{u.status === 'ACTIVE' ? t('settings.disable') : t('settings.enable')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
