import { useState } from 'react';
import { gql, money, percent, date } from '../api';
import type { Session } from '../session';

export interface OfferedApplication {
  id: string;
  contract: { sha256: string; text: string } | null;
  offer: {
    amount: string; currency: string; apr: string; annualRate: string; totalInterest: string; totalCost: string; totalPayable: string; netDisbursement: string;
    validUntil: string; termCount: number; frequency: string; upfrontFees: { deducted: string; financed: string; paidUpfront: string };
    fees: { name: string; kind: string; amount: string | null; rate: string | null }[]; schedule: { number: number; dueDate: string; principal: string; interest: string; fees: string; total: string }[];
  } | null;
}

/** The offer with its full disclosure, before anything is agreed: what arrives, what it costs, every instalment. */
export function Offer({ session, application, onAccepted }: { session: Session; application: OfferedApplication; onAccepted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const o = application.offer!;
  const m = (v: string) => money(v, o.currency);
  // A fees column only when an instalment carries fees: a phone's width is for the figures that matter.
  const withFees = o.schedule.some((r) => !/^0(\.0+)?$/.test(r.fees));
  const accept = async () => {
    setBusy(true);
    try { await gql(session.token, 'mutation($id: ID!) { acceptOffer(applicationId: $id) { id status } }', { id: application.id }); onAccepted(); } catch (e) { setError((e as Error).message); setBusy(false); }
  };
  return (
    <div className="card" data-testid="offer">
      <h1>Your offer</h1>
      <dl>
        <dt>Loan</dt><dd>{m(o.amount)}</dd>
        <dt>You receive</dt><dd data-testid="net">{m(o.netDisbursement)}</dd>
        <dt>Annual percentage rate (APR)</dt><dd data-testid="apr">{percent(o.apr)}</dd>
        <dt>Interest rate</dt><dd>{percent(o.annualRate)} a year</dd>
        <dt>Interest</dt><dd>{m(o.totalInterest)}</dd>
        <dt>Total cost of credit</dt><dd>{m(o.totalCost)}</dd>
        <dt>Total to repay</dt><dd>{m(o.totalPayable)}</dd>
        <dt>Fees taken from the loan</dt><dd>{m(o.upfrontFees.deducted)}</dd>
        <dt>Offer valid until</dt><dd>{date(o.validUntil)}</dd>
      </dl>
      {o.fees.length > 0 && <><h2>Fees</h2><ul>{o.fees.map((f) => <li key={f.name}>{f.name}{f.amount ? `: ${m(f.amount)}` : f.rate ? `: ${percent(f.rate)}` : ''}</li>)}</ul></>}
      <h2>Repayments</h2>
      <div className="scroll" tabIndex={0} role="region" aria-label="Repayments">
        <table data-testid="offer-schedule">
          <thead><tr><th>Due</th><th>Principal</th><th>Interest</th>{withFees && <th>Fees</th>}<th>Pay</th></tr></thead>
          <tbody>{o.schedule.map((r) => <tr key={r.number}><td>{date(r.dueDate, 'short')}</td><td>{m(r.principal)}</td><td>{m(r.interest)}</td>{withFees && <td>{m(r.fees)}</td>}<td>{m(r.total)}</td></tr>)}</tbody>
        </table>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="button" onClick={() => void accept()} disabled={busy}>Accept this offer</button>
    </div>
  );
}
