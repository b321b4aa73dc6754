import { Button, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Offer = graphql(`
  mutation ConsoleOfferSettlement($input: OfferSettlementInput!) { offerSettlement(input: $input) { id amount payBy status discount } }
`);

/**
 * Closing the loan for less: the amount and the date it must be paid by (in instalments if agreed). A
 * discount above the stage's authority waits for a second person (APPROVAL_REQUIRED, explained).
 */
export function SettlementForm({ caseId, currency, onOffered }: { caseId: string; currency: string; onOffered: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [amount, setAmount] = useState('');
  const [payBy, setPayBy] = useState('');
  const [instalments, setInstalments] = useState(1);
  const [{ error, fetching }, offer] = useMutation(Offer);
  if (!can(roles, 'Mutation', 'offerSettlement')) return null;
  return (
    <form data-testid="settlement-form" onSubmit={(e) => { e.preventDefault(); void offer({ input: { caseId, amount, payBy, instalments } }).then((r) => { if (!r.error) onOffered(); }); }}>
      <Stack gap="xs">
        <Title order={3}>{t('settlement.title')}</Title>
        <TextInput label={t('settlement.amount', { currency })} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" required />
        <TextInput label={t('settlement.payBy')} value={payBy} onChange={(e) => setPayBy(e.currentTarget.value)} placeholder="YYYY-MM-DD" required />
        <NumberInput label={t('settlement.instalments')} value={instalments} min={1} allowDecimal={false} onChange={(v) => setInstalments(Number(v))} />
        <ErrorAlert error={error} />
        <Button type="submit" variant="light" loading={fetching}>{t('settlement.submit')}</Button>
      </Stack>
    </form>
  );
}
