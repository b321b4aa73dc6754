import { Badge, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ASSIGNABLE_ROLES } from '../../enums';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';
import { SecretOnce } from './secret-once';

const Keys = graphql(`query ConsoleApiKeys { apiKeys(first: 100, includeRevoked: true) { nodes { id name prefix role active createdAt lastUsedAt expiresAt revokedAt } } }`);
const Create = graphql(`mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`);
const Revoke = graphql(`mutation ConsoleRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id active } }`);

/** The lender's API keys: make one (its secret shown this once), see when each was last used, revoke. */
export function ApiKeys() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: Keys });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('APP');
  const [secret, setSecret] = useState<string | null>(null);
  const [created, create] = useMutation(Create);
  const [revoked, revoke] = useMutation(Revoke);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Stack>
      {can(roles, 'Mutation', 'createApiKey') && (
        <form onSubmit={(e) => { e.preventDefault(); void create({ input: { name, role } }).then((r) => { if (r.data) { setSecret(r.data.createApiKey.secret); setName(''); reload(); } }); }}>
          <Group align="end">
            <TextInput label={t('settings.keyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            <Select label={t('settings.role')} data={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`, r) }))} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} />
            <Button type="submit" loading={created.fetching}>{t('settings.createKey')}</Button>
          </Group>
        </form>
      )}
      <ErrorAlert error={created.error ?? revoked.error ?? error} />
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
      <Table striped data-testid="api-keys">
        <Table.Thead><Table.Tr>{(['keyName', 'prefix', 'role', 'created', 'lastUsed', 'state'] as const).map((c) => <Table.Th key={c}>{t(`settings.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(data?.apiKeys.nodes ?? []).map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.name}</Table.Td><Table.Td><code>{k.prefix}…</code></Table.Td><Table.Td>{t(`roles.${k.role}`, k.role)}</Table.Td>
              <Table.Td>{f.dateTime(k.createdAt)}</Table.Td><Table.Td>{f.dateTime(k.lastUsedAt) || '—'}</Table.Td>
              <Table.Td><Badge variant="light" color={k.active ? 'green' : 'gray'}>{k.active ? t('settings.active') : t('settings.revoked')}</Badge></Table.Td>
              <Table.Td>{k.active && can(roles, 'Mutation', 'revokeApiKey') && <Button size="xs" color="red" variant="subtle" onClick={() => void revoke({ id: k.id }).then(reload)}>{t('settings.revoke')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
