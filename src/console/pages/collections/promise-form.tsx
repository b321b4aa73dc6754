import { Button, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const RecordPromise = graphql(`
  mutation ConsolePromise($input: PromiseToPayInput!) { recordPromiseToPay(input: $input) { id status } }
`);

/** A promise to pay an amount by a date; close of business marks it kept or broken. */
export function PromiseForm({ caseId, currency, onRecorded }: { caseId: string; currency: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [amount, setAmount] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [{ error, fetching }, record] = useMutation(RecordPromise);
  if (!can(roles, 'Mutation', 'recordPromiseToPay')) return null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); void record({ input: { caseId, amount, dueDate } }).then((r) => { if (!r.error) { setAmount(''); setDueDate(''); onRecorded(); } }); }}>
      <Stack gap="xs">
        <Title order={3}>{t('promise.record')}</Title>
        <TextInput label={t('promise.amountIn', { currency })} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" required />
        <TextInput label={t('promise.dueDate')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} placeholder="YYYY-MM-DD" required />
        <ErrorAlert error={error} />
        <Button type="submit" variant="light" loading={fetching}>{t('promise.record')}</Button>
      </Stack>
    </form>
  );
}
