import { Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { todayIn, useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Statement = graphql(`
  query ConsoleLoanStatement($id: ID!, $from: Date!, $to: Date!) {
    loanStatement(loanId: $id, from: $from, to: $to) {
      from to creditAtOpen creditAtClose
      opening { principal interest fees penalties total }
      closing { principal interest fees penalties total }
      lines { date kind status amount change { principal interest fees penalties total } }
    }
  }
`);

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A statement for a period: the opening balance, each line's change, the closing balance (they reconcile). */
export function LoanStatementView({ loanId, currency, since }: { loanId: string; currency: string; since: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { tenant } = useViewer();
  const [from, setFrom] = useState(since);
  const [to, setTo] = useState(() => todayIn(tenant.timezone));
  const valid = ISO.test(from) && ISO.test(to);
  const [{ data, error }] = useQuery({ query: Statement, variables: { id: loanId, from, to }, pause: !valid });
  const s = data?.loanStatement;
  const m = (v: string) => f.money(v, currency);
  const amounts = (a: { principal: string; interest: string; fees: string; penalties: string; total: string }) =>
    (['principal', 'interest', 'fees', 'penalties', 'total'] as const).map((k) => <Table.Td key={k}>{m(a[k])}</Table.Td>);
  return (
    <Stack gap="xs">
      <Group>
        <TextInput label={t('statement.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={150} />
        <TextInput label={t('statement.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={150} />
      </Group>
      <ErrorAlert error={error} />
      {s && (
        <Table data-testid="loan-statement">
          <Table.Thead><Table.Tr><Table.Th>{t('statement.date')}</Table.Th><Table.Th>{t('statement.line')}</Table.Th>{(['principal', 'interest', 'fees', 'penalties', 'total'] as const).map((k) => <Table.Th key={k}>{t(`statement.${k}`)}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={600}><Table.Td>{f.date(s.from)}</Table.Td><Table.Td>{t('statement.opening')}</Table.Td>{amounts(s.opening)}</Table.Tr>
            {s.lines.map((l, i) => <Table.Tr key={i}><Table.Td>{f.date(l.date)}</Table.Td><Table.Td>{t(`transactions.kinds.${l.kind}`, l.kind)} {l.status !== 'POSTED' ? `(${l.status})` : ''}</Table.Td>{amounts(l.change)}</Table.Tr>)}
            <Table.Tr fw={600}><Table.Td>{f.date(s.to)}</Table.Td><Table.Td>{t('statement.closing')}</Table.Td>{amounts(s.closing)}</Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {s && <Text size="sm" c="gray.7">{t('statement.credit', { open: m(s.creditAtOpen), close: m(s.creditAtClose) })}</Text>}
    </Stack>
  );
}
