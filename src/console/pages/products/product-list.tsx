import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Products = graphql(`
  query ConsoleProducts($search: String) {
    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }
  }
`);

export function ProductList() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, error }] = useQuery({ query: Products, variables: { search: debounced || null } });
  const nodes = data?.loanProducts.nodes ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('products.title')}</Title>
        {can(viewer.roles, 'Mutation', 'createLoanProduct') && <Button component={Link} to="/products/new">{t('products.new')}</Button>}
      </Group>
      <TextInput aria-label={t('products.search')} placeholder={t('products.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <ErrorAlert error={error} />
      {data && !nodes.length ? <Text c="gray.7">{t('products.none')}</Text> : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {(['code', 'name', 'segment', 'currency', 'status', 'version'] as const).map((c) => <Table.Th key={c}>{t(`products.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nodes.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><Link to={`/products/${p.id}`}>{p.code}</Link></Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.segment}</Table.Td>
                <Table.Td>{p.currency}</Table.Td>
                <Table.Td><Badge variant="light" color={p.status === 'ACTIVE' ? 'green' : 'gray'}>{p.status}</Badge></Table.Td>
                <Table.Td>{p.currentVersion}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
