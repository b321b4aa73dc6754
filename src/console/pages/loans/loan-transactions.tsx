import { Badge, Button, Group, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Reverse = graphql(`mutation ConsoleReverse($id: ID!, $reason: String!) { reverseTransaction(id: $id, reason: $reason) { id status } }`);

interface Row { id: string; seq: number; kind: string; effectiveDate: string; amount: string; method?: string | null; reference?: string | null; status: string; reversalReason?: string | null }

/** The loan's transactions in order; a posted repayment, fee or waiver can be reversed with a reason. */
export function LoanTransactions({ rows, currency, onChanged }: { rows: Row[]; currency: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [reversing, setReversing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [{ error, fetching }, reverse] = useMutation(Reverse);
  const mayReverse = can(roles, 'Mutation', 'reverseTransaction');
  return (
    <>
      <ErrorAlert error={error} />
      <Table striped data-testid="loan-transactions">
        <Table.Thead><Table.Tr>{(['seq', 'date', 'kind', 'amount', 'method', 'reference', 'status'] as const).map((c) => <Table.Th key={c}>{t(`transactions.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.seq}</Table.Td>
              <Table.Td>{f.date(r.effectiveDate)}</Table.Td>
              <Table.Td>{t(`transactions.kinds.${r.kind}`, r.kind)}</Table.Td>
              <Table.Td>{f.money(r.amount, currency)}</Table.Td>
              <Table.Td>{r.method}</Table.Td>
              <Table.Td>{r.reference}</Table.Td>
              <Table.Td><Badge variant="light" color={r.status === 'REVERSED' ? 'gray' : 'green'} title={r.reversalReason ?? undefined}>{r.status}</Badge></Table.Td>
              <Table.Td>
                {mayReverse && r.status !== 'REVERSED' && r.kind !== 'DISBURSEMENT' && (reversing === r.id ? (
                  <Group gap="xs" wrap="nowrap">
                    <TextInput aria-label={t('transactions.reason')} placeholder={t('transactions.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} size="xs" />
                    <Button size="xs" color="red" disabled={!reason} loading={fetching} onClick={() => void reverse({ id: r.id, reason }).then((res) => { if (!res.error) { setReversing(null); setReason(''); onChanged(); } })}>{t('transactions.confirmReverse')}</Button>
                  </Group>
                ) : <Button size="xs" variant="subtle" onClick={() => setReversing(r.id)}>{t('transactions.reverse')}</Button>)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
