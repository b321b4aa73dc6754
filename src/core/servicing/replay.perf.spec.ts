import { formatIsoDate } from '../loan-math/calendar';
import { LoanTransaction, OverpaymentPolicy, replayLoan, ScheduledInstallment } from './index';
import { terms } from './servicing.fixture';

/*
 * Replay jumps from event day to event day; a 30-year monthly loan with 400 transactions (irregular,
 * partial and over-payments, waivers and fee charges) must replay well under 50 ms.
 */
function bigLoan(): { schedule: ScheduledInstallment[]; txs: LoanTransaction[] } {
  const start = 19000;
  const schedule: ScheduledInstallment[] = Array.from({ length: 360 }, (_, k) => ({
    number: k + 1,
    dueDate: formatIsoDate(start + 30 * (k + 1)),
    principal: '1234.56',
    interest: (900 - 2 * k).toFixed(2),
    fees: '2.50',
  }));
  const txs: LoanTransaction[] = Array.from({ length: 400 }, (_, k) => {
    const kind = k % 40 === 7 ? 'FEE_CHARGE' : k % 40 === 13 ? 'PENALTY_WAIVER' : 'REPAYMENT';
    // Mostly a bit late and a bit short, sometimes well over: every code path stays busy.
    const amount = k % 9 === 0 ? '5000.00' : `${(1800 + (k % 7) * 150).toFixed(2)}`;
    return { id: `t${k}`, kind, effectiveDate: formatIsoDate(start + 27 * (k + 1) + (k % 5)), amount, seq: k };
  });
  return { schedule, txs };
}

describe('replay performance', () => {
  it.each<OverpaymentPolicy>(['CREDIT', 'REDUCE_TERM', 'REDUCE_INSTALLMENT'])('360 instalments, 400 transactions (%s) in well under 50 ms', (policy) => {
    const { schedule, txs } = bigLoan();
    const t = terms({ overpaymentPolicy: policy });
    const asOf = formatIsoDate(19000 + 30 * 361);
    replayLoan(t, schedule, txs, asOf); // warm up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      replayLoan(t, schedule, txs, asOf);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(50);
    if (process.env.SERVICING_PERF_LOG) console.log(policy, times.map((x) => x.toFixed(1)).join(" "));
  });
});
