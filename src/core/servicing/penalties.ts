import { formatIsoDate } from '../loan-math/calendar';
import { penaltyDayWeight } from '../cob/accrue-penalty';
import { divRoundNonNegBig } from '../money/integer-rounding';
import { Ledger, refresh, unpaidInterest, unpaidPrincipal } from './ledger';

/*
 * Time passing: penalty interest and late fees. Replay jumps from event day to event day; between
 * two event days nothing that penalty accrual depends on changes, so a span of d days on overdue
 * principal P adds exactly w x P x rate / basis, w the span's day weight and basis the year of the
 * product's day count (the nightly run's accrue-penalty step, src/core/cob), kept as a numerator and
 * rounded only when read.
 */

/**
 * Accrues penalty interest for every day in (accruedThrough, day] on each instalment's principal that
 * was unpaid at the start of that day. A day counts when it is after the due date, so a payment made
 * k days after the due date pays k days of penalty. Rows falling due on `day` itself accrue nothing yet.
 */
export function accrueTo(ledger: Ledger, day: number): void {
  const { num } = ledger.terms.penaltyPerDay;
  if (num !== 0n && day > ledger.accruedThrough) {
    const { rows } = ledger;
    for (let i = ledger.firstOpen; i < ledger.dueCount; i++) {
      const r = rows[i];
      if (r.settled || r.dueDay >= day) continue;
      const p = unpaidPrincipal(r);
      if (p === 0n) continue;
      const from = r.dueDay > ledger.accruedThrough ? r.dueDay : ledger.accruedThrough;
      r.penaltyAcc += penaltyDayWeight(ledger.terms.dayCount, from, day) * p * num;
    }
  }
  if (day > ledger.accruedThrough) ledger.accruedThrough = day;
}

/** A late fee assessed during replay. */
export interface LateFeeEvent {
  number: number;
  date: string;
  units: bigint;
}

/**
 * Assesses late fees falling on `day` (dueDay + graceDays + 1): an instalment still owing principal or
 * interest at the start of that day gets the fee added to its fees (as a charged fee). A fee that rounds
 * to zero is not recorded. Call for every day in increasing order, before that day's transactions.
 */
export function assessLateFees(ledger: Ledger, day: number, out: LateFeeEvent[]): void {
  const lateFee = ledger.terms.lateFee;
  if (!lateFee) return;
  const { rows } = ledger;
  const date = formatIsoDate(day);
  while (ledger.lateFeeNext < rows.length && (rows[ledger.lateFeeNext].lateFeeDay as number) <= day) {
    const r = rows[ledger.lateFeeNext++];
    if (r.settled) continue;
    const base = unpaidPrincipal(r) + unpaidInterest(r);
    if (base === 0n) continue;
    const { charge } = lateFee;
    const units = charge.kind === 'FLAT' ? charge.units : divRoundNonNegBig(base * charge.rate.num, charge.rate.den, ledger.terms.mode);
    if (units === 0n) continue;
    r.feesDue += units;
    r.chargedFees += units;
    refresh(ledger, r, date);
    out.push({ number: r.number, date, units });
  }
}
