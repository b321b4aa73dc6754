import { Button, Checkbox, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { newIdempotencyKey } from '../../use-format';
import { useViewer } from '../../viewer';

const Restructure = graphql(`
  mutation ConsoleRestructure($input: RestructureLoanInput!) { restructureLoan(input: $input) { id status restructuredInto } }
`);

/**
 * What is owed today rescheduled onto a successor loan over a new term (arrears capitalised or
 * collected with the first instalment); the loan's page then links to its successor.
 */
export function RestructureForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [termCount, setTermCount] = useState(6);
  const [rate, setRate] = useState('');
  const [capitalise, setCapitalise] = useState(true);
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [{ error, fetching }, restructure] = useMutation(Restructure);
  if (!can(roles, 'Mutation', 'restructureLoan')) return null;
  return (
    <form data-testid="restructure-form" onSubmit={(e) => {
      e.preventDefault();
      void restructure({ input: { loanId, termCount, annualInterestRate: rate || null, capitaliseArrears: capitalise, reason, idempotencyKey: key } }).then((r) => { if (!r.error) onDone(); });
    }}>
      <Stack gap="xs">
        <Title order={3}>{t('restructure.title')}</Title>
        <NumberInput label={t('restructure.termCount')} value={termCount} min={1} allowDecimal={false} onChange={(v) => setTermCount(Number(v))} required />
        <TextInput label={t('restructure.rate')} value={rate} onChange={(e) => setRate(e.currentTarget.value)} inputMode="decimal" placeholder={t('restructure.sameRate')} />
        <Checkbox label={t('restructure.capitalise')} checked={capitalise} onChange={(e) => setCapitalise(e.currentTarget.checked)} />
        <TextInput label={t('restructure.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
        <ErrorAlert error={error} />
        <Button type="submit" variant="light" loading={fetching}>{t('restructure.submit')}</Button>
      </Stack>
    </form>
  );
}
