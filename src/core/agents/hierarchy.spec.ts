import { placementProblem, statusChangeAllowed } from './hierarchy';

const parent = (kind: 'NETWORK' | 'BRANCH' | 'INDIVIDUAL', ancestors: string[] = [], status: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE') => ({ id: 'p', kind, status, ancestors });

describe('agent hierarchy', () => {
  it('puts branches under networks and agents under either, and an agency under nobody', () => {
    expect(placementProblem({ kind: 'BRANCH', parent: parent('NETWORK') })).toBeNull();
    expect(placementProblem({ kind: 'INDIVIDUAL', parent: parent('BRANCH') })).toBeNull();
    expect(placementProblem({ kind: 'INDIVIDUAL', parent: null })).toBeNull();
    expect(placementProblem({ kind: 'BRANCH', parent: parent('BRANCH') })).toEqual({ field: 'input.parentId', message: 'a BRANCH sits under a NETWORK, not a BRANCH' });
    expect(placementProblem({ kind: 'INDIVIDUAL', parent: parent('INDIVIDUAL') })?.field).toBe('input.parentId');
    expect(placementProblem({ kind: 'COLLECTION_AGENCY', parent: parent('NETWORK') })?.message).toBe('a COLLECTION_AGENCY has no parent');
  });

  it('refuses an inactive parent and a cycle', () => {
    expect(placementProblem({ kind: 'BRANCH', parent: parent('NETWORK', [], 'SUSPENDED') })?.message).toBe('the parent agent is SUSPENDED');
    expect(placementProblem({ kind: 'NETWORK', self: 'a', parent: { id: 'b', kind: 'NETWORK', status: 'ACTIVE', ancestors: ['a'] } })?.message).toMatch(/itself/);
    expect(placementProblem({ kind: 'NETWORK', self: 'a', parent: { id: 'a', kind: 'NETWORK', status: 'ACTIVE', ancestors: [] } })?.message).toMatch(/itself/);
  });

  it('keeps a terminated agent terminated', () => {
    expect(statusChangeAllowed('SUSPENDED', 'ACTIVE')).toBe(true);
    expect(statusChangeAllowed('TERMINATED', 'ACTIVE')).toBe(false);
    expect(statusChangeAllowed('TERMINATED', 'TERMINATED')).toBe(true);
  });
});
