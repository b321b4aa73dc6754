import { Alert, Badge, Button, FileInput, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Preview = graphql(`
  query ConsoleStatementPreview($csv: String!) {
    previewBankStatement(csv: $csv) {
      sha256
      totals { rows matched matchedAmount unmatched duplicate invalid alreadyImported }
      rows { line date amount reference payer status reason message loanId }
    }
  }
`);
const Import = graphql(`
  mutation ConsoleStatementImport($input: ImportBankStatementInput!) {
    importBankStatement(input: $input) { posted postedAmount skipped failed alreadyImported rows { line outcome message transactionId } }
  }
`);

const colour = (status: string) => (status === 'MATCHED' ? 'green' : status === 'UNMATCHED' ? 'orange' : 'gray');

/**
 * A bank statement (CSV) as the servicer's morning work: what each row would post, to which loan and
 * why not; then the matched rows posted as repayments. The file's hash is the import's idempotency key,
 * so importing the same file again posts nothing twice.
 */
export function StatementImport() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview] = useQuery({ query: Preview, variables: { csv: csv ?? '' }, pause: !csv, requestPolicy: 'network-only' });
  const [imported, runImport] = useMutation(Import);
  const p = preview.data?.previewBankStatement;
  const [done, setDone] = useState<string | null>(null);
  // The result of this file's import (a new file starts over).
  const r = done === p?.sha256 ? imported.data?.importBankStatement : undefined;
  return (
    <Stack>
      <Group justify="space-between"><Title order={2}>{t('import.title')}</Title><Link to="/loans">{t('nav.loans')}</Link></Group>
      <FileInput label={t('import.file')} accept=".csv,text/csv" value={file} clearable clearButtonProps={{ 'aria-label': t('import.clear') }}
        onChange={(picked) => { setFile(picked); if (picked) void picked.text().then(setCsv); else setCsv(null); }} w={420} />
      <ErrorAlert error={preview.error} />
      {p && (
        <>
          <SimpleGrid cols={{ base: 2, md: 6 }} data-testid="statement-totals">
            {(['rows', 'matched', 'unmatched', 'duplicate', 'invalid', 'alreadyImported'] as const).map((k) => <Text key={k}>{t(`import.${k}`)}: <b data-total={k}>{p.totals[k]}</b></Text>)}
          </SimpleGrid>
          <Text>{t('import.matchedAmount')}: <b>{f.money(p.totals.matchedAmount)}</b></Text>
          <Table striped data-testid="statement-rows">
            <Table.Thead><Table.Tr>{(['line', 'date', 'amount', 'reference', 'payer', 'status', 'why'] as const).map((c) => <Table.Th key={c}>{t(`import.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>{p.rows.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td><Table.Td>{f.date(row.date)}</Table.Td><Table.Td>{f.money(row.amount)}</Table.Td>
                <Table.Td>{row.loanId ? <Link to={`/loans/${row.loanId}`}>{row.reference}</Link> : row.reference}</Table.Td><Table.Td>{row.payer}</Table.Td>
                <Table.Td><Badge variant="light" color={colour(row.status)}>{row.status}</Badge></Table.Td><Table.Td>{row.message}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
          {can(roles, 'Mutation', 'importBankStatement') && !r && (
            <Group>
              <Button loading={imported.fetching} disabled={!p.totals.matched} onClick={() => void runImport({ input: { csv: csv!, idempotencyKey: `statement-${p.sha256}` } }).then((res) => { if (res.data) setDone(p.sha256); })}>
                {t('import.post', { count: p.totals.matched })}
              </Button>
              {imported.fetching && <Stack gap={2} w={280}><Progress value={100} striped animated aria-label={t('import.posting')} /><Text size="sm">{t('import.posting')}</Text></Stack>}
            </Group>
          )}
        </>
      )}
      <ErrorAlert error={imported.error} />
      {r && (
        <Alert color={r.failed ? 'orange' : 'green'} data-testid="import-result">
          {t('import.done', { posted: r.posted, amount: f.money(r.postedAmount), skipped: r.skipped, failed: r.failed, already: r.alreadyImported })}
          {r.rows.filter((x) => x.outcome === 'FAILED').map((x) => <Text key={x.line} size="sm">{t('import.line')} {x.line}: {x.message}</Text>)}
        </Alert>
      )}
    </Stack>
  );
}
