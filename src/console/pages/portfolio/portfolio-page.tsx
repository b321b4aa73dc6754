import { Card, Grid, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { ChartArgs, ChartKind } from '../../gql/graphql';
import { todayIn, useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Summary = graphql(`
  query ConsolePortfolioSummary($from: Date, $asOf: Date) {
    portfolioSummary(from: $from, asOf: $asOf) {
      currency snapshotDate grossPortfolio activeLoans activeBorrowers par1Ratio par30Ratio par90Ratio nplRatio writeOffRatio
      portfolioYield operationalSelfSufficiency disbursedAmount disbursedCount averageLoanSize repeatBorrowerShare recoveries
    }
  }
`);
const ChartQuery = graphql(`
  query ConsoleChart($kind: ChartKind!, $args: ChartArgs) { chart(kind: $kind, args: $args) { kind title svg } }
`);

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const minusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** One chart, drawn on the server from the same figures the API answers (an SVG the page shows as is). */
function ChartCard({ kind, args }: { kind: ChartKind; args: ChartArgs }) {
  const [{ data, error, fetching }] = useQuery({ query: ChartQuery, variables: { kind, args } });
  return (
    <Card withBorder data-testid={`chart-${kind}`}>
      {fetching && !data && <Loader size="sm" />}
      <ErrorAlert error={error} />
      {data && (
        <figure style={{ margin: 0 }} aria-label={data.chart.title}>
          {/* The server renders the SVG from a Vega-Lite spec of its own figures: no user text is in it unescaped. */}
          <div style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: data.chart.svg }} />
        </figure>
      )}
    </Card>
  );
}

/** The portfolio as a lender runs it: the period's key figures, and the trend, breakdown, roll rates, vintages and concentration as charts. */
export function PortfolioPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { tenant } = useViewer();
  const [asOf, setAsOf] = useState(() => todayIn(tenant.timezone));
  const [from, setFrom] = useState(() => minusDays(todayIn(tenant.timezone), 365));
  const valid = ISO.test(asOf) && ISO.test(from) && from <= asOf;
  const [{ data, error }] = useQuery({ query: Summary, variables: { from, asOf }, pause: !valid });
  const s = data?.portfolioSummary;
  const tiles: [string, string][] = s ? [
    ['grossPortfolio', f.money(s.grossPortfolio, s.currency)], ['activeLoans', String(s.activeLoans)], ['activeBorrowers', String(s.activeBorrowers)],
    ['par30Ratio', f.percent(s.par30Ratio)], ['par90Ratio', f.percent(s.par90Ratio)], ['nplRatio', f.percent(s.nplRatio)],
    ['writeOffRatio', f.percent(s.writeOffRatio)], ['portfolioYield', f.percent(s.portfolioYield)], ['operationalSelfSufficiency', f.percent(s.operationalSelfSufficiency)],
    ['disbursedAmount', `${f.money(s.disbursedAmount, s.currency)} (${s.disbursedCount})`], ['averageLoanSize', f.money(s.averageLoanSize, s.currency)], ['repeatBorrowerShare', f.percent(s.repeatBorrowerShare)],
  ] : [];
  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={2}>{t('portfolio.title')}</Title>
        <Group>
          <TextInput label={t('portfolio.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={150} />
          <TextInput label={t('portfolio.asOf')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} placeholder="YYYY-MM-DD" w={150} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {s && !s.snapshotDate && <Text c="gray.7">{t('portfolio.noSnapshot')}</Text>}
      {s && (
        <SimpleGrid cols={{ base: 2, md: 4, lg: 6 }} data-testid="portfolio-figures">
          {tiles.map(([k, v]) => (
            <Card key={k} withBorder padding="sm">
              <Text size="xs" c="gray.7">{t(`portfolio.${k}`)}</Text>
              <Text fw={700} data-figure={k}>{v || '—'}</Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {valid && (
        <Grid>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'PORTFOLIO_TREND'} args={{ from, to: asOf, interval: 'MONTH', metrics: ['GROSS_PORTFOLIO'] }} /></Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'PORTFOLIO_TREND'} args={{ from, to: asOf, interval: 'MONTH', metrics: ['PAR30', 'PAR90'] }} /></Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'PORTFOLIO_BREAKDOWN'} args={{ asOf, dimension: 'BUCKET' }} /></Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'ROLL_RATES'} args={{ from: minusDays(asOf, 30), to: asOf }} /></Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'VINTAGES'} args={{ cohort: 'MONTH', vintageMetric: 'DPD30_EVER', maxMonthsOnBook: 12 }} /></Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}><ChartCard kind={'CONCENTRATION'} args={{ asOf, concentration: 'REGION' }} /></Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
