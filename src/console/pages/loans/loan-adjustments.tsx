import { Button, Divider, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { WaiverKind } from '../../gql/graphql';
import { WAIVER_KINDS } from '../../enums';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Waive = graphql(`mutation ConsoleWaive($loanId: ID!, $kind: WaiverKind!, $amount: Decimal!, $reason: String!) { waive(loanId: $loanId, kind: $kind, amount: $amount, reason: $reason) { id } }`);
const WriteOff = graphql(`mutation ConsoleWriteOff($loanId: ID!, $reason: String!) { writeOffLoan(loanId: $loanId, reason: $reason) { id status } }`);

/**
 * Waivers and write-off. Where the lender put them under four-eyes, the answer is APPROVAL_REQUIRED
 * with the request's id: the alert says a second person must approve it.
 */
export function LoanAdjustments({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [kind, setKind] = useState<WaiverKind>('PENALTY');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [woReason, setWoReason] = useState('');
  const [waived, waive] = useMutation(Waive);
  const [written, writeOff] = useMutation(WriteOff);
  const done = (r: { error?: unknown }) => { if (!r.error) onDone(); };
  const mayWaive = can(roles, 'Mutation', 'waive');
  const mayWriteOff = can(roles, 'Mutation', 'writeOffLoan');
  if (!mayWaive && !mayWriteOff) return null;
  return (
    <Stack gap="xs">
      {mayWaive && (
        <form onSubmit={(e) => { e.preventDefault(); void waive({ loanId, kind, amount, reason }).then(done); }}>
          <Stack gap="xs">
            <Title order={3}>{t('adjust.waive')}</Title>
            <Select label={t('adjust.kind')} data={WAIVER_KINDS.map((k) => ({ value: k, label: t(`adjust.kinds.${k}`, k) }))} value={kind} onChange={(v) => v && setKind(v as WaiverKind)} allowDeselect={false} />
            <TextInput label={t('adjust.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" required />
            <TextInput label={t('adjust.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <ErrorAlert error={waived.error} />
            <Button type="submit" variant="light" loading={waived.fetching}>{t('adjust.waive')}</Button>
          </Stack>
        </form>
      )}
      {mayWaive && mayWriteOff && <Divider />}
      {mayWriteOff && (
        <form onSubmit={(e) => { e.preventDefault(); void writeOff({ loanId, reason: woReason }).then(done); }}>
          <Stack gap="xs">
            <Title order={3}>{t('adjust.writeOff')}</Title>
            <TextInput label={t('adjust.writeOffReason')} value={woReason} onChange={(e) => setWoReason(e.currentTarget.value)} required />
            <ErrorAlert error={written.error} />
            <Button type="submit" color="red" variant="light" loading={written.fetching}>{t('adjust.writeOff')}</Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
