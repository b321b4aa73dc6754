import { Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { isZeroDecimal } from '../../format';
import { graphql } from '../../gql';
import { useFormat } from '../../use-format';

const Journal = graphql(`
  query ConsoleLoanJournal($id: ID!) {
    loan(id: $id) { id journal(first: 100) { nodes { id businessDate kind reference lines } } }
  }
`);

interface Line { account: string; debit: string; credit: string }

const nonZero = (v: string | null | undefined) => (v && !isZeroDecimal(v) ? v : null);

/** The loan's double-entry journal: every entry's lines, debits beside credits. */
export function LoanJournal({ loanId, currency }: { loanId: string; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: Journal, variables: { id: loanId } });
  const entries = data?.loan.journal.nodes ?? [];
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" />;
  if (!entries.length) return <Text c="gray.7">{t('journal.none')}</Text>;
  return (
    <Table data-testid="loan-journal">
      <Table.Thead><Table.Tr>{(['date', 'kind', 'account', 'debit', 'credit'] as const).map((c) => <Table.Th key={c}>{t(`journal.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
      <Table.Tbody>
        {entries.flatMap((e) => (e.lines as Line[]).map((line, i) => {
          // A zero side is left blank, as a ledger prints it.
          const debit = nonZero(line.debit);
          const credit = nonZero(line.credit);
          return (
            <Table.Tr key={`${e.id}-${i}`}>
              <Table.Td>{i === 0 ? f.date(e.businessDate) : ''}</Table.Td>
              <Table.Td>{i === 0 ? e.kind : ''}</Table.Td>
              <Table.Td>{line.account}</Table.Td>
              <Table.Td>{debit ? f.money(debit, currency) : ''}</Table.Td>
              <Table.Td>{credit ? f.money(credit, currency) : ''}</Table.Td>
            </Table.Tr>
          );
        }))}
      </Table.Tbody>
    </Table>
  );
}
