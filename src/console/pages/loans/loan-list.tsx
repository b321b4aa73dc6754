import { Badge, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { LoanStatus } from '../../gql/graphql';
import { LOAN_STATUSES } from '../../enums';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Loans = graphql(`
  query ConsoleLoans($status: LoanStatus, $dpdMin: Int, $borrowerId: ID, $after: String) {
    loans(status: $status, dpdMin: $dpdMin, borrowerId: $borrowerId, first: 50, after: $after) {
      nodes { id currency principal disbursedAt dpd bucket status nextDueDate product { code } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const loanStatusColor = (s: string) => (s === 'ACTIVE' ? 'blue' : s === 'CLOSED' ? 'green' : s === 'WRITTEN_OFF' ? 'red' : 'gray');

/**
 * The book, newest first: by status, by days past due, by borrower; a loan id goes straight to its page.
 * Balances are on the loan's page: fifty of them would cost a list more than the API admits in one query.
 */
export function LoanList() {
  const { t } = useTranslation();
  const f = useFormat();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [status, setStatus] = useState<LoanStatus | null>('ACTIVE');
  const [dpdMin, setDpdMin] = useState<number | null>(null);
  const [borrower, setBorrower] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [borrowerId] = useDebouncedValue(UUID.test(borrower.trim()) ? borrower.trim() : null, 250);
  const [{ data, error, fetching }] = useQuery({ query: Loans, variables: { status, dpdMin, borrowerId, after } });
  const nodes = data?.loans.nodes ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('loans.title')}</Title>
        {can(viewer.roles, 'Query', 'previewBankStatement') && <Button component={Link} to="/loans/import" variant="light">{t('import.title')}</Button>}
      </Group>
      <Group align="end">
        <Select label={t('loans.status')} data={LOAN_STATUSES.map((v) => ({ value: v, label: t(`loanStatus.${v}`, v) }))} value={status}
          onChange={(v) => { setStatus(v as LoanStatus | null); setAfter(null); }} clearable placeholder={t('loans.anyStatus')} w={200} />
        <NumberInput label={t('loans.dpdMin')} value={dpdMin ?? ''} min={0} allowDecimal={false} w={160} onChange={(v) => { setDpdMin(v === '' ? null : Number(v)); setAfter(null); }} />
        <TextInput label={t('loans.borrowerOrLoan')} value={borrower} w={360} onChange={(e) => setBorrower(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && UUID.test(borrower.trim())) navigate(`/loans/${borrower.trim()}`); }} description={t('loans.borrowerOrLoanHint')} />
      </Group>
      <ErrorAlert error={error} />
      {data && !nodes.length ? <Text c="gray.7">{t('loans.none')}</Text> : (
        <Table striped highlightOnHover data-testid="loan-list">
          <Table.Thead>
            <Table.Tr>{(['disbursed', 'product', 'principal', 'dpd', 'bucket', 'nextDue', 'status'] as const).map((c) => <Table.Th key={c}>{t(`loans.${c}`)}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nodes.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td><Link to={`/loans/${l.id}`} aria-label={`${f.date(l.disbursedAt)} · ${t('loans.open', { id: l.id.slice(-8) })}`}>{f.date(l.disbursedAt)}</Link></Table.Td>
                <Table.Td>{l.product.code}</Table.Td>
                <Table.Td>{f.money(l.principal, l.currency)}</Table.Td>
                <Table.Td>{l.dpd}</Table.Td>
                <Table.Td>{l.bucket}</Table.Td>
                <Table.Td>{f.date(l.nextDueDate)}</Table.Td>
                <Table.Td><Badge variant="light" color={loanStatusColor(l.status)}>{t(`loanStatus.${l.status}`, l.status)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {after && <Button variant="default" onClick={() => setAfter(null)}>{t('common.firstPage')}</Button>}
        {data?.loans.pageInfo.hasNextPage && <Button variant="default" loading={fetching} onClick={() => setAfter(data.loans.pageInfo.endCursor ?? null)}>{t('common.nextPage')}</Button>}
      </Group>
    </Stack>
  );
}
