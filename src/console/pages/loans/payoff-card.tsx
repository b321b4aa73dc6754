import { Button, Select, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { PaymentMethod } from '../../gql/graphql';
import { MANUAL_PAYMENT_METHODS } from '../../enums';
import { can } from '../../permissions';
import { newIdempotencyKey, todayIn, useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Quote = graphql(`
  query ConsolePayoffQuote($id: ID!, $asOf: Date) {
    payoffQuote(loanId: $id, asOf: $asOf) { asOf principal interest accruedInterest fees penalties prepaymentFee credit total }
  }
`);
const Settle = graphql(`
  mutation ConsoleSettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { transactionId } }
`);

/** What it takes to close the loan today, and settling it for exactly that (a changed quote is refused, not guessed). */
export function PayoffCard({ loanId, currency, onSettled }: { loanId: string; currency: string; onSettled: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles, tenant } = useViewer();
  const asOf = todayIn(tenant.timezone);
  const [{ data, error }, refetch] = useQuery({ query: Quote, variables: { id: loanId, asOf }, requestPolicy: 'network-only' });
  const [method, setMethod] = useState<PaymentMethod>('BANK_TRANSFER');
  const [key] = useState(newIdempotencyKey);
  const [settled, settle] = useMutation(Settle);
  const q = data?.payoffQuote;
  const m = (v: string) => f.money(v, currency);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('payoff.title', { date: f.date(asOf) })}</Title>
      <ErrorAlert error={error} />
      {q && (
        <Table data-testid="payoff-quote">
          <Table.Tbody>
            {(['principal', 'interest', 'fees', 'penalties', 'prepaymentFee'] as const).map((k) => <Table.Tr key={k}><Table.Th scope="row">{t(`payoff.${k}`)}</Table.Th><Table.Td>{m(q[k])}</Table.Td></Table.Tr>)}
            <Table.Tr><Table.Th scope="row">{t('payoff.credit')}</Table.Th><Table.Td>−{m(q.credit)}</Table.Td></Table.Tr>
            <Table.Tr fw={700}><Table.Th scope="row">{t('payoff.total')}</Table.Th><Table.Td>{m(q.total)}</Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {q && can(roles, 'Mutation', 'settleLoan') && (
        <>
          <Select label={t('repayment.method')} data={MANUAL_PAYMENT_METHODS.map((x) => ({ value: x, label: t(`methods.${x}`, x) }))} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} allowDeselect={false} />
          <ErrorAlert error={settled.error} />
          <Button variant="light" loading={settled.fetching} onClick={() => void settle({ input: { loanId, amount: q.total, method, paidAt: q.asOf, idempotencyKey: key } }).then((r) => { if (r.error) refetch({ requestPolicy: 'network-only' }); else onSettled(); })}>
            {t('payoff.settle', { total: m(q.total) })}
          </Button>
        </>
      )}
    </Stack>
  );
}
