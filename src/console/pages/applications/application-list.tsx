import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { ApplicationStatus } from '../../gql/graphql';
import { APPLICATION_STATUSES } from '../../enums';
import { useFormat } from '../../use-format';

const Applications = graphql(`
  query ConsoleApplications($status: ApplicationStatus, $slaBreached: Boolean, $after: String) {
    applications(status: $status, slaBreached: $slaBreached, first: 50, after: $after) {
      nodes { id status requestedAmount termCount frequency riskGrade score createdAt statusEnteredAt offer { currency } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** A colour per stage: waiting on people amber, done green, refused red. */
export const statusColor = (s: string) =>
  s === 'REFERRED' ? 'orange' : s === 'DECLINED' || s === 'EXPIRED' || s === 'WITHDRAWN' ? 'red' : s === 'DISBURSED' ? 'green' : 'blue';

/** The queue: applications by stage (referred ones first), those past their stage's time limit on a switch. */
export function ApplicationList() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<ApplicationStatus | null>('REFERRED');
  const [slaBreached, setSlaBreached] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: Applications, variables: { status, slaBreached: slaBreached || null, after } });
  const nodes = data?.applications.nodes ?? [];
  return (
    <Stack>
      <Title order={2}>{t('applications.title')}</Title>
      <Group align="end">
        <Select label={t('applications.stage')} data={APPLICATION_STATUSES.map((v) => ({ value: v, label: t(`status.${v}`, v) }))} value={status}
          onChange={(v) => { setStatus(v as ApplicationStatus | null); setAfter(null); }} clearable placeholder={t('applications.anyStage')} w={220} />
        <Checkbox label={t('applications.slaBreached')} checked={slaBreached} onChange={(e) => { setSlaBreached(e.currentTarget.checked); setAfter(null); }} mb={8} />
      </Group>
      <ErrorAlert error={error} />
      {data && !nodes.length ? <Text c="gray.7">{t('applications.none')}</Text> : (
        <Table striped highlightOnHover data-testid="application-queue">
          <Table.Thead>
            <Table.Tr>
              {(['created', 'amount', 'term', 'grade', 'score', 'stage', 'since'] as const).map((c) => <Table.Th key={c}>{t(`applications.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nodes.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Link to={`/applications/${a.id}`} aria-label={`${f.dateTime(a.createdAt)} · ${t('applications.open', { id: a.id.slice(-8) })}`}>{f.dateTime(a.createdAt)}</Link></Table.Td>
                <Table.Td>{f.money(a.requestedAmount, a.offer?.currency)}</Table.Td>
                <Table.Td>{a.termCount} × {t(`frequency.${a.frequency}`, a.frequency)}</Table.Td>
                <Table.Td>{a.riskGrade ?? '—'}</Table.Td>
                <Table.Td>{a.score ?? '—'}</Table.Td>
                <Table.Td><Badge variant="light" color={statusColor(a.status)}>{t(`status.${a.status}`, a.status)}</Badge></Table.Td>
                <Table.Td>{f.dateTime(a.statusEnteredAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {after && <Button variant="default" onClick={() => setAfter(null)}>{t('common.firstPage')}</Button>}
        {data?.applications.pageInfo.hasNextPage && <Button variant="default" loading={fetching} onClick={() => setAfter(data.applications.pageInfo.endCursor ?? null)}>{t('common.nextPage')}</Button>}
      </Group>
    </Stack>
  );
}
