import { formatIsoDate } from '../src/core/loan-math/calendar';
import { type LoanTransaction, type OverpaymentPolicy, type ScheduledInstallment, type ServicingTerms, replayLoan } from '../src/core/servicing';

/**
 * The servicing replay on a heavy loan: 360 monthly instalments and 400 transactions (late, short,
 * over, fee charges, waivers), per overpayment policy. Speed is reported here, never asserted in tests.
 */
export function runReplayBench(rounds = 15): { policy: OverpaymentPolicy; medianMs: number }[] {
  const start = 19000;
  const schedule: ScheduledInstallment[] = Array.from({ length: 360 }, (_, k) => ({
    number: k + 1, dueDate: formatIsoDate(start + 30 * (k + 1)), principal: '1234.56', interest: (900 - 2 * k).toFixed(2), fees: '2.50',
  }));
  const txs: LoanTransaction[] = Array.from({ length: 400 }, (_, k) => ({
    id: `t${k}`, kind: k % 40 === 7 ? 'FEE_CHARGE' : k % 40 === 13 ? 'PENALTY_WAIVER' : 'REPAYMENT',
    effectiveDate: formatIsoDate(start + 27 * (k + 1) + (k % 5)), amount: k % 9 === 0 ? '5000.00' : `${1800 + (k % 7) * 150}.00`, seq: k,
  }));
  const asOf = formatIsoDate(start + 30 * 361);
  return (['CREDIT', 'REDUCE_TERM', 'REDUCE_INSTALLMENT'] as OverpaymentPolicy[]).map((policy) => {
    const terms: ServicingTerms = {
      decimals: 2, roundingMode: 'HALF_EVEN', allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'], penaltyAnnualRate: '0.365',
      lateFee: { chargeType: 'FLAT', amount: '5.00', graceDays: 5 }, overpaymentPolicy: policy,
    };
    replayLoan(terms, schedule, txs, asOf);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      replayLoan(terms, schedule, txs, asOf);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { policy, medianMs: times[Math.floor(times.length / 2)] };
  });
}

export function printReplayResult(r: ReturnType<typeof runReplayBench>): void {
  for (const x of r) console.log(`replay 360 instalments x 400 transactions, ${x.policy.padEnd(18)} ${x.medianMs.toFixed(1)} ms (median)`);
  console.log('');
}
