import { Code, Table } from '@mantine/core';

type Row = Record<string, unknown>;
const isRows = (v: unknown): v is Row[] => Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? <Code>{JSON.stringify(v)}</Code> : String(v));

/** A list of like objects (a scorecard's attributes, the rules' results) as a table: one row each, a column per key. */
function RowsTable({ rows, label }: { rows: Row[]; label: string }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <Table aria-label={label} verticalSpacing={2} fz="xs" withTableBorder>
      <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr></Table.Thead>
      <Table.Tbody>{rows.map((r, i) => <Table.Tr key={i}>{columns.map((c) => <Table.Td key={c}>{cell(r[c])}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
    </Table>
  );
}

/**
 * A JSON object the API returns as is (a decision's score, rules, limits, price, tier) as a table of
 * its keys and values; a list of like objects inside it as a table of its own.
 */
export function Facts({ value, label }: { value: unknown; label: string }) {
  if (value === null || value === undefined) return null;
  if (isRows(value)) return <RowsTable rows={value} label={label} />;
  if (typeof value !== 'object' || Array.isArray(value)) return <Code block>{JSON.stringify(value, null, 2)}</Code>;
  return (
    <Table aria-label={label} withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {Object.entries(value as Row).map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w="20%">{k}</Table.Th>
            <Table.Td>{isRows(v) ? <RowsTable rows={v} label={`${label}: ${k}`} /> : cell(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
