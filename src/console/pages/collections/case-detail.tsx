import { Badge, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';
import { ContactForm } from './contact-form';
import { PromiseForm } from './promise-form';
import { SettlementForm } from './settlement-form';

const CaseQuery = graphql(`
  query ConsoleCase($id: ID!) {
    collectionCase(id: $id) {
      id status stageName dpd amountOverdue openedOn stageEnteredOn brokenPromises pausedUntil assigneeId policyCode policyVersion loanId
      borrower { fullName phone locale }
      borrowerClock { localTime timeZone }
      loan { currency product { code } balances { outstanding { total } } }
      contacts { id at channel direction contactedParty outcome note message automatic }
      promises { id promisedOn dueDate amount paid status }
      settlement { amount payBy status paid remaining }
    }
  }
`);

/** A case as a collector works it: who and where the borrower is (their clock), what was said, what was promised. */
export function CaseDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: CaseQuery, variables: { id } });
  const c = data?.collectionCase;
  if (!c) return <ErrorAlert error={error} />;
  const m = (v: string) => f.money(v, c.loan.currency);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('collections.case', { name: c.borrower.fullName ?? c.id.slice(-8) })}</Title>
        <Group><Badge size="lg" variant="light">{c.stageName}</Badge><Badge size="lg" variant="light" color={c.status === 'OPEN' ? 'orange' : 'green'}>{c.status}</Badge></Group>
      </Group>
      <Group gap="xl">
        <Text>{t('collections.dpd')}: <b>{c.dpd}</b></Text>
        <Text>{t('collections.overdue')}: <b>{m(c.amountOverdue)}</b></Text>
        <Text>{t('loans.outstanding')}: <b>{m(c.loan.balances.outstanding.total)}</b></Text>
        <Text>{t('collections.phone')}: <b>{c.borrower.phone ?? '—'}</b></Text>
        <Text data-testid="borrower-clock">{t('collections.theirTime')}: <b>{c.borrowerClock.localTime.replace('T', ' ')}</b> ({c.borrowerClock.timeZone})</Text>
        <Link to={`/loans/${c.loanId}`}>{t('collections.loan', { code: c.loan.product.code })}</Link>
      </Group>
      {c.pausedUntil && <Text c="orange.9">{t('collections.paused', { until: f.dateTime(c.pausedUntil) })}</Text>}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={3}>{t('collections.contacts')}</Title>
              {!c.contacts.length ? <Text c="gray.7">{t('collections.noContacts')}</Text> : (
                <Table data-testid="contacts">
                  <Table.Thead><Table.Tr>{(['at', 'channel', 'direction', 'party', 'outcome', 'note'] as const).map((k) => <Table.Th key={k}>{t(`contact.${k}`)}</Table.Th>)}</Table.Tr></Table.Thead>
                  <Table.Tbody>{c.contacts.map((x) => (
                    <Table.Tr key={x.id}><Table.Td>{f.dateTime(x.at)}</Table.Td><Table.Td>{t(`channels.${x.channel}`, x.channel)}{x.automatic ? ` · ${t('contact.automatic')}` : ''}</Table.Td><Table.Td>{t(`contact.directions.${x.direction}`)}</Table.Td><Table.Td>{x.contactedParty}</Table.Td><Table.Td>{x.outcome ? t(`contact.outcomes.${x.outcome}`, x.outcome) : ''}</Table.Td><Table.Td>{x.note ?? x.message}</Table.Td></Table.Tr>
                  ))}</Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder>
              <Title order={3}>{t('collections.promises')}</Title>
              {!c.promises.length ? <Text c="gray.7">{t('collections.noPromises')}</Text> : (
                <Table data-testid="promises">
                  <Table.Thead><Table.Tr>{(['promisedOn', 'dueDate', 'amount', 'paid', 'status'] as const).map((k) => <Table.Th key={k}>{t(`promise.${k}`)}</Table.Th>)}</Table.Tr></Table.Thead>
                  <Table.Tbody>{c.promises.map((p) => <Table.Tr key={p.id}><Table.Td>{f.date(p.promisedOn)}</Table.Td><Table.Td>{f.date(p.dueDate)}</Table.Td><Table.Td>{m(p.amount)}</Table.Td><Table.Td>{p.paid ? m(p.paid) : ''}</Table.Td><Table.Td>{p.status}</Table.Td></Table.Tr>)}</Table.Tbody>
                </Table>
              )}
              {c.settlement && <Text mt="xs">{t('collections.settlement', { amount: m(c.settlement.amount), payBy: f.date(c.settlement.payBy), status: c.settlement.status, remaining: m(c.settlement.remaining) })}</Text>}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          {c.status === 'OPEN' && (
            <Stack>
              <Card withBorder><ContactForm caseId={c.id} onLogged={reload} /></Card>
              <Card withBorder><PromiseForm caseId={c.id} currency={c.loan.currency} onRecorded={reload} /></Card>
              {!c.settlement && <Card withBorder><SettlementForm caseId={c.id} currency={c.loan.currency} onOffered={reload} /></Card>}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
