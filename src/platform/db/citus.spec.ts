import { distributionSql, foreignKeyOrder, planDistribution } from './citus';

describe('citus distribution plan', () => {
  const catalog = {
    tables: [
      { name: 'tenants', hasTenantId: false }, { name: 'reference_rates', hasTenantId: false }, { name: 'migrations', hasTenantId: false },
      { name: 'loans', hasTenantId: true }, { name: 'borrowers', hasTenantId: true }, { name: 'payments', hasTenantId: true },
      { name: 'applications', hasTenantId: true },
    ],
    foreignKeys: [
      { from: 'loans', to: 'applications' }, { from: 'loans', to: 'borrowers' }, { from: 'applications', to: 'borrowers' },
      { from: 'payments', to: 'loans' }, { from: 'payments', to: 'payments' }, { from: 'borrowers', to: 'tenants' },
    ],
  };

  it('references shared tables, distributes tenant tables parents first, colocated with the first', () => {
    expect(planDistribution(catalog)).toEqual({
      reference: ['reference_rates', 'tenants'],
      distributed: ['borrowers', 'applications', 'loans', 'payments'],
      colocateWith: 'borrowers',
      local: ['migrations'],
    });
  });

  it('writes the Citus calls in that order', () => {
    expect(distributionSql(planDistribution(catalog))).toEqual([
      "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'",
      "SELECT create_reference_table('reference_rates')",
      "SELECT create_reference_table('tenants')",
      "SELECT create_distributed_table('borrowers', 'tenant_id', colocate_with => 'none')",
      "SELECT create_distributed_table('applications', 'tenant_id', colocate_with => 'borrowers')",
      "SELECT create_distributed_table('loans', 'tenant_id', colocate_with => 'borrowers')",
      "SELECT create_distributed_table('payments', 'tenant_id', colocate_with => 'borrowers')",
    ]);
  });

  it('refuses a foreign-key cycle', () => {
    expect(() => foreignKeyOrder(['a', 'b'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }])).toThrow(/cycle among: a, b/);
  });
});
