import { Badge, Card, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';
import { LoanAdjustments } from './loan-adjustments';
import { LoanJournal } from './loan-journal';
import { loanStatusColor } from './loan-list';
import { LoanSchedule } from './loan-schedule';
import { LoanStatementView } from './loan-statement';
import { LoanTransactions } from './loan-transactions';
import { PayoffCard } from './payoff-card';
import { RepaymentForm } from './repayment-form';
import { RestructureForm } from './restructure-form';

const LoanQuery = graphql(`
  query ConsoleLoan($id: ID!) {
    loan(id: $id) {
      id status currency principal netDisbursed annualRate apr dpd bucket nextDueDate disbursedAt borrowerId applicationId restructuredFrom restructuredInto
      product { code name version }
      balances { credit outstanding { principal interest fees penalties total } overdue { total } }
      schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }
      transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status reversalReason createdAt } }
    }
  }
`);

/** A loan as a servicer works it: balances, schedule paid and unpaid, transactions, journal, statement; repay, pay off, adjust. */
export function LoanDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: LoanQuery, variables: { id } });
  const l = data?.loan;
  if (!l) return <ErrorAlert error={error} />;
  const money = (v: string) => f.money(v, l.currency);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const live = l.status === 'ACTIVE';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('loans.one', { code: l.product.code, id: l.id.slice(-8) })}</Title>
        <Group>
          <Badge size="lg" variant="light" color={l.dpd > 0 ? 'red' : 'green'}>{t('loans.dpdBadge', { dpd: l.dpd, bucket: l.bucket })}</Badge>
          <Badge size="lg" variant="light" color={loanStatusColor(l.status)} data-testid="loan-status">{t(`loanStatus.${l.status}`, l.status)}</Badge>
        </Group>
      </Group>
      <Group gap="xl">
        <Text>{t('loans.principal')}: <b>{money(l.principal)}</b></Text>
        <Text>{t('preview.apr')}: <b>{f.percent(l.apr)}</b></Text>
        <Text>{t('loans.outstanding')}: <b data-testid="outstanding">{money(l.balances.outstanding.total)}</b></Text>
        <Text>{t('loans.overdue')}: <b>{money(l.balances.overdue.total)}</b></Text>
        <Text>{t('loans.credit')}: <b>{money(l.balances.credit)}</b></Text>
        <Text>{t('loans.nextDue')}: <b>{f.date(l.nextDueDate) || '—'}</b></Text>
        <Link to={`/applications/${l.applicationId}`}>{t('loans.application')}</Link>
        {l.restructuredInto && <Link to={`/loans/${l.restructuredInto}`}>{t('loans.successor')}</Link>}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Tabs defaultValue="schedule" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="schedule">{t('loans.schedule')}</Tabs.Tab>
              <Tabs.Tab value="transactions">{t('loans.transactions')}</Tabs.Tab>
              <Tabs.Tab value="journal">{t('loans.journal')}</Tabs.Tab>
              <Tabs.Tab value="statement">{t('loans.statement')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="schedule" pt="xs"><LoanSchedule rows={l.schedule} currency={l.currency} /></Tabs.Panel>
            <Tabs.Panel value="transactions" pt="xs"><LoanTransactions rows={l.transactions.nodes} currency={l.currency} onChanged={reload} /></Tabs.Panel>
            <Tabs.Panel value="journal" pt="xs"><LoanJournal loanId={l.id} currency={l.currency} /></Tabs.Panel>
            <Tabs.Panel value="statement" pt="xs"><LoanStatementView loanId={l.id} currency={l.currency} since={l.disbursedAt.slice(0, 10)} /></Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            {live && <Card withBorder><RepaymentForm loanId={l.id} currency={l.currency} onRecorded={reload} /></Card>}
            {/* Remounted when a transaction is added, so the quote is asked again. */}
            {live && <Card withBorder><PayoffCard key={l.transactions.nodes.length} loanId={l.id} currency={l.currency} onSettled={reload} /></Card>}
            {live && <Card withBorder><LoanAdjustments loanId={l.id} onDone={reload} /></Card>}
            {live && <Card withBorder><RestructureForm loanId={l.id} onDone={reload} /></Card>}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
