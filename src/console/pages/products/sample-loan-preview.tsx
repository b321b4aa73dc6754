import { Grid, NumberInput, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchedulePreviewInput } from '../../gql/graphql';
import { todayIn } from '../../use-format';
import { useViewer } from '../../viewer';
import { SchedulePreview } from './schedule-preview';

export interface SampleLoan {
  principal: string;
  termCount: number;
}

/**
 * The sample loan terms are previewed on (principal and instalments the user picks, disbursed today in
 * the lender's time zone) and its schedule, asked a moment after the last keystroke.
 */
export function SampleLoanPreview({ inputFor }: { inputFor: (sample: SampleLoan, today: string) => SchedulePreviewInput | null }) {
  const { t } = useTranslation();
  const { tenant } = useViewer();
  const [sample, setSample] = useState<SampleLoan>({ principal: '10000', termCount: 6 });
  // Debounced as text: the input is a new object on every render.
  const [debounced] = useDebouncedValue(JSON.stringify(inputFor(sample, todayIn(tenant.timezone))), 300);
  return (
    <Stack gap="xs">
      <Grid>
        <Grid.Col span={6}><TextInput label={t('preview.principal')} value={sample.principal} inputMode="decimal" onChange={(e) => { const principal = e.currentTarget.value; setSample((x) => ({ ...x, principal })); }} /></Grid.Col>
        <Grid.Col span={6}><NumberInput label={t('preview.term')} value={sample.termCount} allowDecimal={false} min={1} onChange={(v) => setSample((x) => ({ ...x, termCount: Number(v) }))} /></Grid.Col>
      </Grid>
      <SchedulePreview input={JSON.parse(debounced) as SchedulePreviewInput | null} />
    </Stack>
  );
}
