import { concentrationRows } from './concentration';

describe('concentration against the risk appetite', () => {
  const limits = [
    { id: 'each-region', dimension: 'REGION' as const, maxShare: '0.5', action: 'REFER' as const },
    { id: 'nairobi-cap', dimension: 'REGION' as const, key: 'Nairobi', maxAmount: '70000', action: 'DECLINE' as const },
    { id: 'mining', dimension: 'INDUSTRY' as const, key: 'mining', maxShare: '0.1', action: 'DECLINE' as const },
  ];

  it('measures each value against the limits on it, largest first, breaching strictly and near above 90%', () => {
    const rows = concentrationRows('REGION', [{ key: 'Mombasa', exposure: '20000' }, { key: 'Nairobi', exposure: '75000' }, { key: 'Kisumu', exposure: '5000' }], '100000', limits);
    expect(rows.map((r) => [r.key, r.share, r.status, r.limits.map((l) => [l.limitId, l.measure, l.value, l.usage, l.status])])).toEqual([
      ['Nairobi', '0.750000', 'BREACHED', [['each-region', 'SHARE', '0.750000', '1.500000', 'BREACHED'], ['nairobi-cap', 'AMOUNT', '75000', '1.071429', 'BREACHED']]],
      ['Mombasa', '0.200000', 'OK', [['each-region', 'SHARE', '0.200000', '0.400000', 'OK']]],
      ['Kisumu', '0.050000', 'OK', [['each-region', 'SHARE', '0.050000', '0.100000', 'OK']]],
    ]);
  });

  it('allows reaching a limit exactly (near, not breached)', () => {
    const [row] = concentrationRows('REGION', [{ key: 'Nairobi', exposure: '50000' }], '100000', [limits[0]]);
    expect(row.limits[0]).toMatchObject({ usage: '1.000000', status: 'NEAR' });
    expect(concentrationRows('INDUSTRY', [{ key: 'retail', exposure: '50000' }], '100000', limits)[0].limits).toEqual([]);
  });
});
