import { type ApprovalPolicy, type Checker, type PendingRequest, checkDecision, decideGuard, effectiveStatus } from '.';

const policy = (over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({ operation: 'writeOffLoan', thresholdAmount: '1000', approverRoles: ['LENDER_ADMIN'], expiresInHours: 72, ...over });
const maker = { type: 'STAFF_USER', id: 'maker', waiverLimit: null };

describe('decideGuard', () => {
  it.each([
    ['no policy', 'writeOffLoan', '5000', null, 'RUN'],
    ['below the threshold', 'writeOffLoan', '999.99', policy(), 'RUN'],
    ['at the threshold', 'writeOffLoan', '1000', policy(), 'RUN'],
    ['above the threshold', 'writeOffLoan', '1000.01', policy(), 'PENDING'],
    ['a null threshold', 'writeOffLoan', '0.01', policy({ thresholdAmount: null }), 'PENDING'],
    ['an operation without an amount', 'reviseLoanProduct', null, policy({ operation: 'reviseLoanProduct', thresholdAmount: null }), 'PENDING'],
  ] as const)('%s', (_case, op, amount, p, kind) => {
    expect(decideGuard(op, amount, p, maker).kind).toBe(kind);
  });

  it('routes a waiver above the maker’s own limit to the waive policy’s approvers, or refuses it without one', () => {
    const limited = { ...maker, waiverLimit: '50' };
    const waivePolicy = policy({ operation: 'waive', thresholdAmount: '500', approverRoles: ['LENDER_ADMIN', 'UNDERWRITER'] });
    expect(decideGuard('waive', '40', waivePolicy, limited)).toEqual({ kind: 'RUN' });
    expect(decideGuard('waive', '60', waivePolicy, limited)).toEqual({ kind: 'PENDING', reason: 'WAIVER_LIMIT', approverRoles: ['LENDER_ADMIN', 'UNDERWRITER'], expiresInHours: 72 });
    expect(decideGuard('waive', '600', waivePolicy, limited)).toMatchObject({ kind: 'PENDING', reason: 'POLICY' });
    expect(decideGuard('waive', '60', null, limited)).toEqual({ kind: 'REFUSED', waiverLimit: '50' });
    expect(decideGuard('refundCredit', '60', null, limited)).toEqual({ kind: 'RUN' });
  });

  it('always routes a call beyond the operation’s own authority: to the policy’s approvers, or a lender admin without one', () => {
    expect(decideGuard('offerSettlement', '10', null, maker, true)).toEqual({ kind: 'PENDING', reason: 'AUTHORITY', approverRoles: ['LENDER_ADMIN'], expiresInHours: 72 });
    const servicers = policy({ operation: 'offerSettlement', thresholdAmount: '1000', approverRoles: ['SERVICER'], expiresInHours: 24 });
    expect(decideGuard('offerSettlement', '10', servicers, maker, true)).toEqual({ kind: 'PENDING', reason: 'AUTHORITY', approverRoles: ['SERVICER'], expiresInHours: 24 });
    expect(decideGuard('offerSettlement', '10', servicers, maker, false)).toEqual({ kind: 'RUN' });
    expect(decideGuard('offerSettlement', '1000.01', servicers, maker, false)).toMatchObject({ kind: 'PENDING', reason: 'POLICY' });
  });
});

describe('checkDecision', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const request = (over: Partial<PendingRequest> = {}): PendingRequest => ({
    operation: 'waive', status: 'PENDING', amount: '100', makerType: 'STAFF_USER', makerId: 'maker', approverRoles: ['LENDER_ADMIN'], expiresAt: new Date('2026-01-11T00:00:00Z'), ...over,
  });
  const checker = (over: Partial<Checker> = {}): Checker => ({ type: 'STAFF_USER', id: 'checker', roles: ['LENDER_ADMIN'], waiverLimit: null, ...over });

  it.each([
    ['a second approver', request(), checker(), true, undefined],
    ['the maker', request(), checker({ id: 'maker' }), false, 'MAKER'],
    ['a key', request(), checker({ type: 'API_KEY', id: 'key' }), false, 'NOT_A_PERSON'],
    ['a role the policy does not name', request(), checker({ roles: ['SERVICER'] }), false, 'ROLE'],
    ['an expired request', request({ expiresAt: now }), checker(), false, 'EXPIRED'],
    ['a decided request', request({ status: 'APPROVED' }), checker(), false, 'NOT_PENDING'],
    ['a waiver above the checker’s own limit', request(), checker({ waiverLimit: '99.99' }), false, 'WAIVER_LIMIT'],
  ] as const)('%s', (_case, r, c, ok, reason) => {
    const result = checkDecision(r, c, now, 'APPROVE');
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('lets a checker with a small limit reject what they could not approve', () => {
    expect(checkDecision(request(), checker({ waiverLimit: '1' }), now, 'REJECT')).toEqual({ ok: true });
  });

  it('shows an undecided request past its expiry as EXPIRED', () => {
    expect(effectiveStatus('PENDING', now, now)).toBe('EXPIRED');
    expect(effectiveStatus('PENDING', new Date(now.getTime() + 1), now)).toBe('PENDING');
    expect(effectiveStatus('APPROVED', new Date(0), now)).toBe('APPROVED');
  });
});
