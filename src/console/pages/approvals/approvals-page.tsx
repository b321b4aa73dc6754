import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Pending = graphql(`
  query ConsolePendingApprovals {
    pendingApprovals(first: 100) { nodes { id operation reason subject amount currency makerType makerId approverRoles createdAt expiresAt arguments } }
  }
`);
const Approve = graphql(`mutation ConsoleApproveRequest($id: ID!, $note: String) { approveRequest(id: $id, note: $note) { id status error } }`);
const Reject = graphql(`mutation ConsoleRejectRequest($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { id status } }`);

/**
 * Four-eyes: the operations waiting for a second person (a settlement above a collector's authority, a
 * large payout, an activation), what each would do, and approving (it runs then, exactly as asked) or
 * rejecting with a reason. The server refuses the maker approving their own request.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: Pending, requestPolicy: 'cache-and-network' });
  const [note, setNote] = useState<Record<string, string>>({});
  const [approved, approve] = useMutation(Approve);
  const [rejected, reject] = useMutation(Reject);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const requests = data?.pendingApprovals.nodes ?? [];
  return (
    <Stack>
      <Title order={2}>{t('approvals.title')}</Title>
      <ErrorAlert error={error ?? approved.error ?? rejected.error} />
      {data && !requests.length ? <Text c="gray.7">{t('approvals.none')}</Text> : (
        <Table striped data-testid="approvals">
          <Table.Thead><Table.Tr>{(['operation', 'why', 'amount', 'asked', 'expires', 'what'] as const).map((c) => <Table.Th key={c}>{t(`approvals.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>{requests.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td><Badge variant="light">{t(`approvals.operations.${r.operation}`, r.operation)}</Badge></Table.Td>
              <Table.Td>{r.reason}</Table.Td>
              <Table.Td>{r.amount ? f.money(r.amount, r.currency) : ''}</Table.Td>
              <Table.Td>{f.dateTime(r.createdAt)} · {r.makerType}</Table.Td>
              <Table.Td>{f.dateTime(r.expiresAt)}</Table.Td>
              <Table.Td><Text size="xs" ff="monospace">{JSON.stringify(r.arguments)}</Text></Table.Td>
              <Table.Td>
                {can(roles, 'Mutation', 'approveRequest') && r.approverRoles.some((role) => roles.includes(role)) ? (
                  <Stack gap={4} w={240}>
                    <TextInput aria-label={t('approvals.note')} placeholder={t('approvals.note')} size="xs" value={note[r.id] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setNote((n) => ({ ...n, [r.id]: v })); }} />
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" color="green" onClick={() => void approve({ id: r.id, note: note[r.id] || null }).then(reload)}>{t('approvals.approve')}</Button>
                      <Button size="xs" color="red" variant="light" disabled={!note[r.id]} onClick={() => void reject({ id: r.id, reason: note[r.id] }).then(reload)}>{t('approvals.reject')}</Button>
                    </Group>
                  </Stack>
                ) : <Text size="sm">{t('approvals.decidedBy', { roles: r.approverRoles.map((role) => t(`roles.${role}`, role)).join(', ') })}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
