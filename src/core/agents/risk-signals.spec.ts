import { riskSignals } from './risk-signals';

const none = { disbursed: 0, firstPaymentDefaults: 0, shared: [], applications: 0, justUnderThreshold: 0 };

describe('agent risk signals', () => {
  it('flags first-payment defaults far above the lender’s rate, with enough of them', () => {
    expect(riskSignals({ ...none, disbursed: 10, firstPaymentDefaults: 3 }, '0.05').map((s) => s.kind)).toEqual(['FIRST_PAYMENT_DEFAULTS']);
    expect(riskSignals({ ...none, disbursed: 10, firstPaymentDefaults: 3 }, '0.20')).toEqual([]);
    expect(riskSignals({ ...none, disbursed: 4, firstPaymentDefaults: 2 }, '0')).toEqual([]);
  });

  it('flags three referred borrowers sharing a device, phone, account or repayment source', () => {
    const s = riskSignals({ ...none, shared: [{ kind: 'SHARED_DEVICE', key: 'd1', borrowers: 3 }, { kind: 'SHARED_PHONE', key: 'p1', borrowers: 2 }] }, null);
    expect(s).toEqual([{ kind: 'SHARED_DEVICE', key: 'SHARED_DEVICE:d1', detail: '3 referred borrowers share one device' }]);
  });

  it('flags applications clustered just under approval thresholds', () => {
    expect(riskSignals({ ...none, applications: 6, justUnderThreshold: 3 }, null).map((s) => s.kind)).toEqual(['THRESHOLD_CLUSTER']);
    expect(riskSignals({ ...none, applications: 6, justUnderThreshold: 2 }, null)).toEqual([]);
    expect(riskSignals({ ...none, applications: 4, justUnderThreshold: 4 }, null)).toEqual([]);
  });
});
