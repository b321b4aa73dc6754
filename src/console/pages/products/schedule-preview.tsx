import { Alert, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { formatDate, formatMoney, formatPercent } from '../../format';
import { graphql } from '../../gql';
import type { SchedulePreviewInput } from '../../gql/graphql';
import { useViewer } from '../../viewer';

const Preview = graphql(`
  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {
    previewSchedule(input: $input) {
      currency apr totalInterest totalFees totalPayable netDisbursement
      capCheck { apr cap withinCap description }
      installments { number dueDate principal interest fees total balance }
    }
  }
`);

/** The instalment table, APR and rate-cap check of the terms as they are typed (`previewSchedule`). */
export function SchedulePreview({ input }: { input: SchedulePreviewInput | null }) {
  const { t } = useTranslation();
  const { tenant } = useViewer();
  const [{ data, error, fetching }] = useQuery({ query: Preview, variables: { input: input! }, pause: !input });
  const p = data?.previewSchedule;
  const money = (v: string) => formatMoney(v, p?.currency ?? tenant.baseCurrency, tenant.locale);
  return (
    <Stack gap="xs" aria-live="polite" data-testid="preview">
      <Group><Title order={3}>{t('preview.title')}</Title>{fetching && <Loader size="xs" />}</Group>
      <ErrorAlert error={error} />
      {p && (
        <>
          {p.capCheck === null || p.capCheck === undefined ? <Text c="gray.7">{t('preview.noCap')}</Text>
            : p.capCheck.withinCap ? <Alert color="green" data-testid="cap-check">{t('preview.withinCap', { cap: formatPercent(p.capCheck.cap, tenant.locale) })}</Alert>
              : <Alert color="red" data-testid="cap-check">{t('preview.overCap', { apr: formatPercent(p.capCheck.apr, tenant.locale), cap: formatPercent(p.capCheck.cap, tenant.locale), description: p.capCheck.description })}</Alert>}
          <Group gap="xl">
            <Text>{t('preview.apr')}: <b data-testid="apr">{formatPercent(p.apr, tenant.locale)}</b></Text>
            <Text>{t('preview.totalPayable')}: <b>{money(p.totalPayable)}</b></Text>
            <Text>{t('preview.netDisbursement')}: <b>{money(p.netDisbursement)}</b></Text>
          </Group>
          <Table striped data-testid="schedule">
            <Table.Thead>
              <Table.Tr>{(['number', 'dueDate', 'principalCol', 'interest', 'fees', 'total', 'balance'] as const).map((c) => <Table.Th key={c}>{t(`preview.${c}`)}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.installments.map((i) => (
                <Table.Tr key={i.number}>
                  <Table.Td>{i.number}</Table.Td><Table.Td>{formatDate(i.dueDate, tenant.locale)}</Table.Td><Table.Td>{money(i.principal)}</Table.Td>
                  <Table.Td>{money(i.interest)}</Table.Td><Table.Td>{money(i.fees)}</Table.Td><Table.Td>{money(i.total)}</Table.Td><Table.Td>{money(i.balance)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
