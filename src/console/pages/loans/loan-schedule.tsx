import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../use-format';

interface Row {
  number: number; dueDate: string; status: string; principalDue: string; principalPaid: string; interestDue: string; interestPaid: string;
  feesDue: string; feesPaid: string; penaltyDue: string; penaltyPaid: string; unpaid: string; paidOn?: string | null;
}

/** Late in red, paid in green, the rest in the text colour (each 4.5:1 or better on white). */
const color = (s: string) => (s === 'PAID' ? 'teal.9' : s === 'OVERDUE' ? 'red.9' : undefined);

/** The schedule as it stands: what each instalment asked, what has been paid of it, what is still unpaid. */
export function LoanSchedule({ rows, currency }: { rows: Row[]; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const m = (v: string) => f.money(v, currency);
  return (
    <Table striped data-testid="loan-schedule">
      <Table.Thead>
        <Table.Tr>{(['number', 'dueDate', 'principal', 'interest', 'fees', 'penalties', 'unpaid', 'status', 'paidOn'] as const).map((c) => <Table.Th key={c}>{t(`schedule.${c}`)}</Table.Th>)}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.number} data-status={r.status}>
            <Table.Td>{r.number}</Table.Td>
            <Table.Td>{f.date(r.dueDate)}</Table.Td>
            <Table.Td>{m(r.principalPaid)} / {m(r.principalDue)}</Table.Td>
            <Table.Td>{m(r.interestPaid)} / {m(r.interestDue)}</Table.Td>
            <Table.Td>{m(r.feesPaid)} / {m(r.feesDue)}</Table.Td>
            <Table.Td>{m(r.penaltyPaid)} / {m(r.penaltyDue)}</Table.Td>
            <Table.Td>{m(r.unpaid)}</Table.Td>
            <Table.Td><Text size="sm" fw={700} c={color(r.status)}>{t(`schedule.statuses.${r.status}`, r.status)}</Text></Table.Td>
            <Table.Td>{f.date(r.paidOn)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
