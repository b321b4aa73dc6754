import { barChartSpec, bucketRank, trendChartSpec } from './charts';

describe('chart specs', () => {
  it('puts the largest bar first, or keeps the order given', () => {
    const bars = [{ label: '1-30', value: '10' }, { label: 'CURRENT', value: '50' }, { label: '90+', value: '20' }];
    expect((barChartSpec('t', bars, 'v').data as { values: { label: string }[] }).values.map((v) => v.label)).toEqual(['CURRENT', '90+', '1-30']);
    expect((barChartSpec('t', bars, 'v', 'AS_GIVEN').data as { values: { label: string }[] }).values.map((v) => v.label)).toEqual(['1-30', 'CURRENT', '90+']);
  });

  it('ranks delinquency buckets by lateness: CURRENT, then by first day, unknown names last', () => {
    const labels = ['90+', 'WATCH', '31-60', 'CURRENT', '1-30', '61-90'];
    expect([...labels].sort((a, b) => bucketRank(a) - bucketRank(b))).toEqual(['CURRENT', '1-30', '31-60', '61-90', '90+', 'WATCH']);
  });

  it('draws no point where a period has no figure', () => {
    const spec = trendChartSpec('t', [{ date: '2026-01-31', metric: 'PAR30', value: '0.1' }, { date: '2026-02-28', metric: 'PAR30', value: null }], 'ratio');
    expect((spec.data as { values: unknown[] }).values).toEqual([{ date: '2026-01-31', metric: 'PAR30', value: 0.1 }]);
  });
});
