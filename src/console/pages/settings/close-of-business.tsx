import { Badge, Button, Group, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { todayIn, useFormat } from '../../use-format';
import { useViewer } from '../../viewer';
import { usePolling } from '../../use-polling';

const Runs = graphql(`query ConsoleCobRuns { cobRuns }`);
const Run = graphql(`mutation ConsoleRunCob($date: Date!) { runCloseOfBusiness(date: $date) }`);

interface CobRun { businessDate: string; status: string; loansProcessed: number; chunksDone: number; startedAt: string; finishedAt: string | null }

/** Close of business: queue a night (and any missed before it), and follow each run's loans as they are processed. */
export function CloseOfBusiness() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles, tenant } = useViewer();
  const [date, setDate] = useState(() => {
    const d = new Date(`${todayIn(tenant.timezone)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  });
  const [queued, setQueued] = useState(false);
  const [{ data, error }, refetch] = useQuery({ query: Runs, requestPolicy: 'network-only' });
  const [started, run] = useMutation(Run);
  const runs = (data?.cobRuns ?? []) as CobRun[];
  const waiting = queued && !runs.some((r) => r.businessDate >= date && r.status === 'COMPLETED');
  const running = waiting || runs.some((r) => r.status === 'RUNNING');
  usePolling(running, () => refetch({ requestPolicy: 'network-only' }), 1500);
  return (
    <Stack>
      {can(roles, 'Mutation', 'runCloseOfBusiness') && (
        <Group align="end">
          <TextInput label={t('cob.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={160} />
          <Button loading={started.fetching} disabled={running} onClick={() => void run({ date }).then((r) => { if (!r.error) setQueued(true); })}>{t('cob.run')}</Button>
          {running && <Stack gap={2} w={260}><Progress value={100} striped animated aria-label={t('cob.running')} /><Text size="sm" data-testid="cob-progress">{t('cob.processed', { count: runs.find((r) => r.status === 'RUNNING')?.loansProcessed ?? 0 })}</Text></Stack>}
        </Group>
      )}
      <ErrorAlert error={started.error ?? error} />
      <Table striped data-testid="cob-runs">
        <Table.Thead><Table.Tr>{(['date', 'state', 'loans', 'chunks', 'started', 'took'] as const).map((c) => <Table.Th key={c}>{t(`cob.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{runs.map((r) => (
          <Table.Tr key={r.businessDate}>
            <Table.Td>{f.date(r.businessDate)}</Table.Td>
            <Table.Td><Badge variant="light" color={r.status === 'COMPLETED' ? 'green' : 'blue'}>{t(`cob.states.${r.status}`, r.status)}</Badge></Table.Td>
            <Table.Td>{r.loansProcessed}</Table.Td><Table.Td>{r.chunksDone}</Table.Td><Table.Td>{f.dateTime(r.startedAt)}</Table.Td>
            <Table.Td>{r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s` : ''}</Table.Td>
          </Table.Tr>
        ))}</Table.Tbody>
      </Table>
    </Stack>
  );
}
