import { Badge, Card, Grid, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { Facts } from '../../facts';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';
import { statusColor } from './application-list';
import { ApplicationActions } from './application-actions';
import { VoteForm } from './vote-form';

const ApplicationQuery = graphql(`
  query ConsoleApplication($id: ID!) {
    application(id: $id) {
      id status requestedAmount termCount frequency purpose riskGrade score createdAt statusEnteredAt loanId borrowerId agentId source
      decision { outcome decidedAt reasons { code source description } checks { kind provider outcome summary } score rules appetite price tier }
      votes { id voterName vote comment at }
      offer { amount currency annualRate apr totalInterest totalCost totalPayable netDisbursement validUntil grade
        schedule { number dueDate principal interest fees total } }
      contract { sha256 templateVersion text }
      signature { signerName signedAt }
      events { seq at fromStatus toStatus actorType note }
    }
  }
`);

/** One application as an underwriter reads it: the decision and why, the votes, the offer, the contract, what happened when. */
export function ApplicationDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: ApplicationQuery, variables: { id } });
  const a = data?.application;
  if (!a) return <ErrorAlert error={error} />;
  const d = a.decision;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('applications.one', { id: a.id.slice(-8) })}</Title>
        <Badge size="lg" variant="light" color={statusColor(a.status)} data-testid="application-status">{t(`status.${a.status}`, a.status)}</Badge>
      </Group>
      <Group gap="xl">
        <Text>{t('applications.amount')}: <b>{f.money(a.requestedAmount, a.offer?.currency)}</b></Text>
        <Text>{t('applications.term')}: <b>{a.termCount} × {t(`frequency.${a.frequency}`, a.frequency)}</b></Text>
        <Text>{t('applications.grade')}: <b>{a.riskGrade ?? '—'}</b></Text>
        <Text>{t('applications.score')}: <b>{a.score ?? '—'}</b></Text>
        {a.loanId && <Link to={`/loans/${a.loanId}`}>{t('applications.loan')}</Link>}
      </Group>
      <ApplicationActions application={a} onDone={reload} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            {d && (
              <Card withBorder>
                <Title order={3}>{t('decision.title')}: {d.outcome}</Title>
                <Text size="sm" c="gray.7">{f.dateTime(d.decidedAt)}</Text>
                {d.reasons.length > 0 && (
                  <Table aria-label={t('decision.reasons')} mt="xs">
                    <Table.Thead><Table.Tr><Table.Th>{t('decision.code')}</Table.Th><Table.Th>{t('decision.source')}</Table.Th><Table.Th>{t('decision.description')}</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>{d.reasons.map((r, i) => <Table.Tr key={i}><Table.Td>{r.code}</Table.Td><Table.Td>{r.source}</Table.Td><Table.Td>{r.description}</Table.Td></Table.Tr>)}</Table.Tbody>
                  </Table>
                )}
                <Title order={4} mt="sm">{t('decision.checks')}</Title>
                <Table aria-label={t('decision.checks')}>
                  <Table.Tbody>{d.checks.map((c, i) => <Table.Tr key={i}><Table.Td>{c.kind}</Table.Td><Table.Td>{c.provider}</Table.Td><Table.Td><Text size="sm" fw={700} c={c.outcome === 'PASS' ? undefined : 'red.9'}>{c.outcome}</Text></Table.Td><Table.Td>{c.summary}</Table.Td></Table.Tr>)}</Table.Tbody>
                </Table>
                {(['score', 'rules', 'appetite', 'price', 'tier'] as const).map((k) => (
                  <Stack key={k} gap={0} mt="sm"><Title order={4}>{t(`decision.${k}`)}</Title><Facts value={d[k]} label={t(`decision.${k}`)} /></Stack>
                ))}
              </Card>
            )}
            {a.offer && (
              <Card withBorder data-testid="offer">
                <Title order={3}>{t('offer.title')}</Title>
                <Group gap="xl">
                  <Text>{t('offer.amount')}: <b>{f.money(a.offer.amount, a.offer.currency)}</b></Text>
                  <Text>{t('preview.apr')}: <b>{f.percent(a.offer.apr)}</b></Text>
                  <Text>{t('preview.totalPayable')}: <b>{f.money(a.offer.totalPayable, a.offer.currency)}</b></Text>
                  <Text>{t('preview.netDisbursement')}: <b>{f.money(a.offer.netDisbursement, a.offer.currency)}</b></Text>
                  <Text>{t('offer.validUntil')}: <b>{f.date(a.offer.validUntil)}</b></Text>
                </Group>
                <Table mt="xs">
                  <Table.Thead><Table.Tr>{(['number', 'dueDate', 'principalCol', 'interest', 'fees', 'total'] as const).map((c) => <Table.Th key={c}>{t(`preview.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
                  <Table.Tbody>{a.offer.schedule.map((r) => (
                    <Table.Tr key={r.number}><Table.Td>{r.number}</Table.Td><Table.Td>{f.date(r.dueDate)}</Table.Td><Table.Td>{f.money(r.principal, a.offer!.currency)}</Table.Td><Table.Td>{f.money(r.interest, a.offer!.currency)}</Table.Td><Table.Td>{f.money(r.fees, a.offer!.currency)}</Table.Td><Table.Td>{f.money(r.total, a.offer!.currency)}</Table.Td></Table.Tr>
                  ))}</Table.Tbody>
                </Table>
              </Card>
            )}
            {a.contract && (
              <Card withBorder>
                <Title order={3}>{t('contract.title')}</Title>
                <Text size="sm" c="gray.7">{t('contract.hash', { hash: a.contract.sha256.slice(0, 16), version: a.contract.templateVersion })}</Text>
                {a.signature && <Text size="sm">{t('contract.signed', { name: a.signature.signerName, at: f.dateTime(a.signature.signedAt) })}</Text>}
                <ScrollArea.Autosize mah={240}><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.contract.text}</Text></ScrollArea.Autosize>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card withBorder>
              <Title order={3}>{t('votes.title')}</Title>
              {a.votes.length === 0 ? <Text c="gray.7">{t('votes.none')}</Text> : (
                <Stack gap="xs" data-testid="votes">
                  {a.votes.map((v) => <Text key={v.id} size="sm"><b>{v.voterName}</b> · {t(`votes.${v.vote}`)} · {f.dateTime(v.at)}<br />{v.comment}</Text>)}
                </Stack>
              )}
              {a.status === 'REFERRED' && <VoteForm applicationId={a.id} onVoted={reload} />}
            </Card>
            <Card withBorder>
              <Title order={3}>{t('applications.history')}</Title>
              <Table aria-label={t('applications.history')}>
                <Table.Tbody>{a.events.map((e) => <Table.Tr key={e.seq}><Table.Td>{f.dateTime(e.at)}</Table.Td><Table.Td>{e.fromStatus ? `${t(`status.${e.fromStatus}`, e.fromStatus)} → ` : ''}{t(`status.${e.toStatus}`, e.toStatus)}</Table.Td><Table.Td>{e.actorType}</Table.Td><Table.Td>{e.note}</Table.Td></Table.Tr>)}</Table.Tbody>
              </Table>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
