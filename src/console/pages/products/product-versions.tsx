import { Button, Group, Loader, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { formatMoney, formatPercent } from '../../format';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Versions = graphql(`
  query ConsoleProductVersions($id: ID!) {
    loanProduct(id: $id) {
      id code name currency
      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }
    }
  }
`);

/** A product's versions side by side: one column per version, one row per term. */
export function ProductVersions() {
  const { t } = useTranslation();
  const { tenant, roles } = useViewer();
  const { id } = useParams();
  const [{ data, error }] = useQuery({ query: Versions, variables: { id: id! } });
  if (error) return <ErrorAlert error={error} />;
  const p = data?.loanProduct;
  if (!p) return <Loader />;
  const money = (v: string) => formatMoney(v, p.currency, tenant.locale);
  type Version = (typeof p.versions)[number];
  const rows: [string, (v: Version) => string][] = [
    [t('editor.amountMin'), (v) => money(v.terms.amountMin)], [t('editor.amountMax'), (v) => money(v.terms.amountMax)],
    [t('editor.termMin'), (v) => String(v.terms.termMin)], [t('editor.termMax'), (v) => String(v.terms.termMax)],
    [t('editor.frequency'), (v) => v.terms.frequencies.join(', ')], [t('editor.amortization'), (v) => v.terms.amortization], [t('editor.dayCount'), (v) => v.terms.dayCount],
    [t('editor.rate'), (v) => v.terms.rateBands.map((b) => `${b.grade} ${formatPercent(b.annualRate, tenant.locale)}`).join(' · ')],
    [t('products.maxApr'), (v) => formatPercent(v.maxApr, tenant.locale)],
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{p.code} · {p.name}</Title>
        {can(roles, 'Mutation', 'reviseLoanProduct') && <Button component={Link} to={`/products/${p.id}/revise`}>{t('editor.reviseButton')}</Button>}
      </Group>
      <Title order={3}>{t('products.compare')}</Title>
      <Table withColumnBorders>
        <Table.Thead>
          <Table.Tr><Table.Th />{p.versions.map((v) => <Table.Th key={v.version}>{t('products.version')} {v.version}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, cell]) => <Table.Tr key={label}><Table.Th>{label}</Table.Th>{p.versions.map((v) => <Table.Td key={v.version}>{cell(v)}</Table.Td>)}</Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
