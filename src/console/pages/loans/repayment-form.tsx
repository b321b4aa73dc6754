import { Alert, Button, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { PaymentMethod } from '../../gql/graphql';
import { MANUAL_PAYMENT_METHODS } from '../../enums';
import { can } from '../../permissions';
import { newIdempotencyKey, todayIn, useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Repay = graphql(`
  mutation ConsoleRecordRepayment($input: RecordRepaymentInput!) {
    recordRepayment(input: $input) { transactionId allocation { principal interest fees penalties toCredit } }
  }
`);

/**
 * A repayment received (cash at a branch, a mobile-money transfer, ...). The key is made when the form
 * opens and kept until the repayment is recorded, so a double click or a retry after a dropped answer
 * records it once.
 */
export function RepaymentForm({ loanId, currency, onRecorded }: { loanId: string; currency: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles, tenant } = useViewer();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [paidAt, setPaidAt] = useState(() => todayIn(tenant.timezone));
  const [reference, setReference] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [{ data, error, fetching }, repay] = useMutation(Repay);
  if (!can(roles, 'Mutation', 'recordRepayment')) return null;
  const a = data?.recordRepayment.allocation;
  return (
    <form data-testid="repayment-form" onSubmit={(e) => {
      e.preventDefault();
      void repay({ input: { loanId, amount, method, paidAt, reference: reference || null, idempotencyKey: key } }).then((r) => {
        if (r.error) return;
        setKey(newIdempotencyKey());
        setAmount('');
        onRecorded();
      });
    }}>
      <Stack gap="xs">
        <Title order={3}>{t('repayment.title')}</Title>
        <TextInput label={t('repayment.amount', { currency })} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" required />
        <Select label={t('repayment.method')} data={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`, m) }))} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} allowDeselect={false} />
        <TextInput label={t('repayment.paidAt')} value={paidAt} onChange={(e) => setPaidAt(e.currentTarget.value)} placeholder="YYYY-MM-DD" required />
        <TextInput label={t('repayment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        <ErrorAlert error={error} />
        {a && !error && (
          <Alert color="green" data-testid="allocation">
            {t('repayment.recorded', { principal: f.money(a.principal, currency), interest: f.money(a.interest, currency), fees: f.money(a.fees, currency), penalties: f.money(a.penalties, currency), credit: f.money(a.toCredit, currency) })}
          </Alert>
        )}
        <Button type="submit" loading={fetching}>{t('repayment.submit')}</Button>
      </Stack>
    </form>
  );
}
