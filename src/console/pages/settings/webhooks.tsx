import { Badge, Button, Group, Stack, Table, TagsInput, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';
import { SecretOnce } from './secret-once';

const Endpoints = graphql(`query ConsoleWebhooks { webhookEndpoints { id url description eventTypes status consecutiveFailures disabledReason } }`);
const Deliveries = graphql(`query ConsoleWebhookDeliveries { webhookDeliveries(first: 50) { nodes { id eventType status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt } } }`);
const Create = graphql(`mutation ConsoleCreateWebhook($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }`);
const Replay = graphql(`mutation ConsoleReplayDelivery($id: ID!) { replayWebhookDelivery(id: $id) { id status } }`);

const color = (s: string) => (s === 'DELIVERED' || s === 'ACTIVE' ? 'green' : s === 'FAILED' || s === 'DISABLED' ? 'red' : 'gray');

/** Webhook endpoints (the signing secret shown once), and the latest deliveries with their answers; a failed one sent again. */
export function Webhooks() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [endpoints, refetch] = useQuery({ query: Endpoints });
  const [deliveries, refetchDeliveries] = useQuery({ query: Deliveries });
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [created, create] = useMutation(Create);
  const [replayed, replay] = useMutation(Replay);
  return (
    <Stack>
      {can(roles, 'Mutation', 'createWebhookEndpoint') && (
        <form onSubmit={(e) => { e.preventDefault(); void create({ input: { url, eventTypes: eventTypes.length ? eventTypes : null } }).then((r) => { if (r.data) { setSecret(r.data.createWebhookEndpoint.signingSecret); setUrl(''); refetch({ requestPolicy: 'network-only' }); } }); }}>
          <Group align="end">
            <TextInput label={t('settings.url')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} required type="url" w={360} />
            <TagsInput label={t('settings.eventTypes')} placeholder={t('settings.allEvents')} value={eventTypes} onChange={setEventTypes} w={320} />
            <Button type="submit" loading={created.fetching}>{t('settings.addEndpoint')}</Button>
          </Group>
        </form>
      )}
      <ErrorAlert error={created.error ?? replayed.error ?? endpoints.error} />
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
      <Table striped data-testid="webhook-endpoints">
        <Table.Thead><Table.Tr>{(['url', 'eventTypes', 'state', 'failures'] as const).map((c) => <Table.Th key={c}>{t(`settings.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{(endpoints.data?.webhookEndpoints ?? []).map((w) => (
          <Table.Tr key={w.id}><Table.Td>{w.url}</Table.Td><Table.Td>{w.eventTypes.join(', ') || t('settings.allEvents')}</Table.Td><Table.Td><Badge variant="light" color={color(w.status)} title={w.disabledReason ?? undefined}>{w.status}</Badge></Table.Td><Table.Td>{w.consecutiveFailures}</Table.Td></Table.Tr>
        ))}</Table.Tbody>
      </Table>
      <Group justify="space-between"><Title order={3}>{t('settings.deliveries')}</Title><Button variant="default" size="xs" onClick={() => refetchDeliveries({ requestPolicy: 'network-only' })}>{t('settings.refresh')}</Button></Group>
      <ErrorAlert error={deliveries.error} />
      <Table striped data-testid="webhook-deliveries">
        <Table.Thead><Table.Tr>{(['created', 'event', 'state', 'attempts', 'answer'] as const).map((c) => <Table.Th key={c}>{t(`settings.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>{(deliveries.data?.webhookDeliveries.nodes ?? []).map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{f.dateTime(d.createdAt)}</Table.Td><Table.Td>{d.eventType}</Table.Td><Table.Td><Badge variant="light" color={color(d.status)}>{d.status}</Badge></Table.Td><Table.Td>{d.attempts}</Table.Td>
            <Table.Td>{d.lastStatusCode ?? ''} {d.lastError ?? ''}</Table.Td>
            <Table.Td>{d.status === 'FAILED' && can(roles, 'Mutation', 'replayWebhookDelivery') && <Button size="xs" variant="subtle" onClick={() => void replay({ id: d.id }).then(() => refetchDeliveries({ requestPolicy: 'network-only' }))}>{t('settings.replay')}</Button>}</Table.Td>
          </Table.Tr>
        ))}</Table.Tbody>
      </Table>
    </Stack>
  );
}
