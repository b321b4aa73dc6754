import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';

const Statements = graphql(`
  query ConsoleCommissionStatements($period: String!) {
    commissionStatements(period: $period) { agentId period currency opening earned clawedBack heldBack released paid closing closed }
    agents(first: 100) { nodes { id name } }
  }
`);
const Commissions = graphql(`
  query ConsoleCommissions($period: String!) {
    commissions(period: $period, first: 100) { nodes { id agentId loanId kind trigger amount held currency businessDate planCode planVersion } }
  }
`);

/** A month's statements per agent (opening, earned, clawed back, held, paid, closing) and the commissions behind them. */
export function AgentCommissions({ period }: { period: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [st] = useQuery({ query: Statements, variables: { period } });
  const [cm] = useQuery({ query: Commissions, variables: { period } });
  const names = new Map((st.data?.agents.nodes ?? []).map((a) => [a.id, a.name]));
  const statements = st.data?.commissionStatements ?? [];
  const cols = ['opening', 'earned', 'clawedBack', 'heldBack', 'released', 'paid', 'closing'] as const;
  return (
    <Stack>
      <Title order={3}>{t('agents.statements')}</Title>
      <ErrorAlert error={st.error} />
      {st.data && !statements.length ? <Text c="gray.7">{t('agents.noStatements')}</Text> : (
        <Table striped data-testid="commission-statements">
          <Table.Thead><Table.Tr><Table.Th>{t('agents.agent')}</Table.Th>{cols.map((c) => <Table.Th key={c}>{t(`agents.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>{statements.map((s) => (
            <Table.Tr key={s.agentId}><Table.Td>{names.get(s.agentId) ?? s.agentId.slice(-8)}</Table.Td>{cols.map((c) => <Table.Td key={c}>{f.money(s[c], s.currency)}</Table.Td>)}<Table.Td><Badge variant="light" color={s.closed ? 'gray' : 'blue'}>{s.closed ? t('agents.closed') : t('agents.live')}</Badge></Table.Td></Table.Tr>
          ))}</Table.Tbody>
        </Table>
      )}
      <Title order={3}>{t('agents.commissions')}</Title>
      <ErrorAlert error={cm.error} />
      <Table striped data-testid="commissions">
        <Table.Thead><Table.Tr>{(['date', 'agent', 'kind', 'trigger', 'amount', 'held', 'plan'] as const).map((c) => <Table.Th key={c}>{t(`agents.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{(cm.data?.commissions.nodes ?? []).map((c) => (
          <Table.Tr key={c.id}><Table.Td>{f.date(c.businessDate)}</Table.Td><Table.Td>{names.get(c.agentId) ?? c.agentId.slice(-8)}</Table.Td><Table.Td>{c.kind}</Table.Td><Table.Td>{c.trigger}</Table.Td><Table.Td>{f.money(c.amount, c.currency)}</Table.Td><Table.Td>{f.money(c.held, c.currency)}</Table.Td><Table.Td>{c.planCode} v{c.planVersion}</Table.Td></Table.Tr>
        ))}</Table.Tbody>
      </Table>
    </Stack>
  );
}
