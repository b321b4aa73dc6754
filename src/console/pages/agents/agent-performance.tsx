import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';

const Performance = graphql(`
  query ConsoleAgentPerformance($from: Date!, $to: Date!) {
    agentPerformance(from: $from, to: $to, groupBy: AGENT) {
      rows { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }
      tenant { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }
    }
  }
`);

const monthRange = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return { from: `${period}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
};

/** Each agent's month beside the lender's whole book: leads to disbursement, the referred book's quality, what it cost. */
export function AgentPerformanceTable({ period }: { period: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: Performance, variables: monthRange(period) });
  const p = data?.agentPerformance;
  type Row = NonNullable<typeof p>['rows'][number];
  const row = (r: Row, bold = false) => (
    <Table.Tr key={r.key} fw={bold ? 700 : undefined}>
      <Table.Td>{r.name}</Table.Td><Table.Td>{r.leads}</Table.Td><Table.Td>{r.applications}</Table.Td><Table.Td>{f.percent(r.approvalRate)}</Table.Td>
      <Table.Td>{r.disbursedCount}</Table.Td><Table.Td>{f.money(r.disbursedAmount)}</Table.Td><Table.Td>{f.money(r.outstanding)}</Table.Td><Table.Td>{f.percent(r.par30)}</Table.Td>
      <Table.Td>{f.percent(r.firstPaymentDefaultRate)}</Table.Td><Table.Td>{f.money(r.commissionCost)}</Table.Td><Table.Td>{f.money(r.commissionCostPerUnit)}</Table.Td><Table.Td>{r.medianHoursToDisburse ?? ''}</Table.Td>
    </Table.Tr>
  );
  return (
    <>
      <ErrorAlert error={error} />
      <Table striped data-testid="agent-performance">
        <Table.Thead><Table.Tr>{(['agent', 'leads', 'applications', 'approvalRate', 'disbursedCount', 'disbursedAmount', 'outstanding', 'par30', 'fpd', 'commissionCost', 'costPerUnit', 'hoursToDisburse'] as const).map((c) => <Table.Th key={c}>{t(`agents.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{p && [...p.rows.map((r) => row(r)), row({ ...p.tenant, name: t('agents.wholeBook') }, true)]}</Table.Tbody>
      </Table>
    </>
  );
}
