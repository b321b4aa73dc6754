import { Badge, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const MyQueue = graphql(`
  query ConsoleMyQueue {
    myCollectionQueue(first: 100) { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } }
  }
`);
const AllOpen = graphql(`
  query ConsoleOpenCases {
    collectionCases(status: OPEN, first: 100) { nodes { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } } }
  }
`);

/** The queue in its working order (overdue amount × stage weight × broken promises): mine, or every open case for a lead. */
export function CaseQueue() {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const mayMine = can(roles, 'Query', 'myCollectionQueue');
  const mayAll = can(roles, 'Query', 'collectionCases');
  const [which, setWhich] = useState<'mine' | 'all'>(mayMine ? 'mine' : 'all');
  const [mine] = useQuery({ query: MyQueue, pause: which !== 'mine' });
  const [all] = useQuery({ query: AllOpen, pause: which !== 'all' });
  const cases = which === 'mine' ? mine.data?.myCollectionQueue : all.data?.collectionCases.nodes;
  return (
    <Stack>
      <Title order={2}>{t('collections.title')}</Title>
      {mayMine && mayAll && <SegmentedControl aria-label={t('collections.which')} w={320} data={[{ value: 'mine', label: t('collections.mine') }, { value: 'all', label: t('collections.allOpen') }]} value={which} onChange={(v) => setWhich(v as 'mine' | 'all')} />}
      <ErrorAlert error={which === 'mine' ? mine.error : all.error} />
      {cases && !cases.length ? <Text c="gray.7">{t('collections.none')}</Text> : (
        <Table striped highlightOnHover data-testid="case-queue">
          <Table.Thead><Table.Tr>{(['borrower', 'product', 'stage', 'dpd', 'overdue', 'brokenPromises', 'theirTime'] as const).map((c) => <Table.Th key={c}>{t(`collections.${c}`)}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {(cases ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td><Link to={`/collections/${c.id}`}>{c.borrower.fullName ?? c.id.slice(-8)}</Link></Table.Td>
                <Table.Td>{c.loan.product.code}</Table.Td>
                <Table.Td><Badge variant="light">{c.stageName}</Badge></Table.Td>
                <Table.Td>{c.dpd}</Table.Td>
                <Table.Td>{f.money(c.amountOverdue, c.loan.currency)}</Table.Td>
                <Table.Td>{c.brokenPromises}</Table.Td>
                <Table.Td>{c.borrowerClock.localTime.slice(11, 16)} ({c.borrowerClock.timeZone})</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
