import { Alert, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { usePolling } from '../../use-polling';
import { useViewer } from '../../viewer';

const Log = graphql(`query ConsoleAuditLog { auditLog(first: 100) { nodes { id seq occurredAt action entityType entityId actorType actorUser { fullName } } } }`);
const Verify = graphql(`mutation ConsoleVerifyAudit { verifyAuditLog { id state } }`);
const Verification = graphql(`query ConsoleAuditVerification($id: ID!) { auditVerification(id: $id) { id state ok checked breaks { lane seq reason detail } } }`);

/** The audit log, newest first, and a verification of its hash chain run in the background with its progress. */
export function AuditLog() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [{ data, error }] = useQuery({ query: Log });
  const [verifying, verify] = useMutation(Verify);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [v, refetchV] = useQuery({ query: Verification, variables: { id: verificationId! }, pause: !verificationId, requestPolicy: 'network-only' });
  const state = v.data?.auditVerification.state;
  const running = !!verificationId && state !== 'COMPLETED' && state !== 'FAILED';
  usePolling(running, () => refetchV({ requestPolicy: 'network-only' }));
  const result = v.data?.auditVerification;
  return (
    <Stack>
      {can(roles, 'Mutation', 'verifyAuditLog') && (
        <Group>
          <Button loading={verifying.fetching} disabled={running} onClick={() => void verify({}).then((r) => r.data && setVerificationId(r.data.verifyAuditLog.id))}>{t('settings.verify')}</Button>
          {running && <Progress value={100} striped animated w={240} aria-label={t('settings.verifying')} />}
          {running && <Text size="sm">{t('settings.verifying')} {result?.checked ?? 0}</Text>}
        </Group>
      )}
      <ErrorAlert error={verifying.error ?? v.error ?? error} />
      {result && !running && (
        <Alert color={result.ok ? 'green' : 'red'} data-testid="audit-verification">
          {result.ok ? t('settings.chainOk', { checked: result.checked }) : t('settings.chainBroken', { count: result.breaks.length })}
          {result.breaks.map((b, i) => <Text key={i} size="sm">{t('settings.break', { lane: b.lane, seq: b.seq, reason: b.reason })}: {b.detail}</Text>)}
        </Alert>
      )}
      <Table striped data-testid="audit-log">
        <Table.Thead><Table.Tr>{(['when', 'action', 'entity', 'actor'] as const).map((c) => <Table.Th key={c}>{t(`settings.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{(data?.auditLog.nodes ?? []).map((e) => (
          <Table.Tr key={e.id}><Table.Td>{f.dateTime(e.occurredAt)}</Table.Td><Table.Td><Badge variant="light">{e.action}</Badge></Table.Td><Table.Td>{e.entityType} {e.entityId.slice(-8)}</Table.Td><Table.Td>{e.actorUser?.fullName ?? e.actorType}</Table.Td></Table.Tr>
        ))}</Table.Tbody>
      </Table>
    </Stack>
  );
}
