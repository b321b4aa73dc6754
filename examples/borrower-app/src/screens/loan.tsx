import { useEffect, useState } from 'react';
import { date, gql, money } from '../api';
import type { AppConfig } from '../brand';
import type { Session } from '../session';
import { Pay } from './pay';

interface Loan {
  id: string; currency: string; principal: string; status: string; dpd: number; nextDueDate: string | null;
  balances: { outstanding: { total: string }; overdue: { total: string } };
  schedule: { number: number; dueDate: string; status: string; unpaid: string }[];
}

const LABEL: Record<string, string> = { PAID: 'Paid', PARTIALLY_PAID: 'Part paid', DUE: 'Due', OVERDUE: 'Late', FUTURE: '' };

/** The loan: what is left, what is due next, every instalment with its state; pay from here. */
export function LoanView({ session, config, loanId, tick, lastEvent }: { session: Session; config: AppConfig; loanId: string; tick: number; lastEvent: string | null }) {
  const [loan, setLoan] = useState<Loan | null>(null);
  useEffect(() => {
    void gql<{ loan: Loan }>(session.token, `query($id: ID!) { loan(id: $id) { id currency principal status dpd nextDueDate
      balances { outstanding { total } overdue { total } } schedule { number dueDate status unpaid } } }`, { id: loanId }).then((d) => setLoan(d.loan));
  }, [session.token, loanId, tick]);
  if (!loan) return <p className="muted">…</p>;
  const m = (v: string) => money(v, loan.currency);
  const next = loan.schedule.find((r) => r.status !== 'PAID');
  return (
    <>
      <div className="card" data-testid="loan">
        <h1>Your loan</h1>
        {lastEvent === 'loan.repayment_posted' && <p className="ok" role="status" data-testid="payment-received">Payment received, thank you.</p>}
        {lastEvent === 'loan.disbursed' && <p className="ok" role="status">The money has been sent to you.</p>}
        <dl>
          <dt>Borrowed</dt><dd>{m(loan.principal)}</dd>
          <dt>Left to repay</dt><dd data-testid="outstanding">{m(loan.balances.outstanding.total)}</dd>
          {loan.dpd > 0 && <><dt>Late</dt><dd>{m(loan.balances.overdue.total)} · {loan.dpd} days</dd></>}
          {loan.nextDueDate && <><dt>Next payment</dt><dd>{date(loan.nextDueDate)}</dd></>}
        </dl>
        <table data-testid="loan-schedule">
          <thead><tr><th>Due</th><th>To pay</th><th /></tr></thead>
          <tbody>{loan.schedule.map((r) => <tr key={r.number} data-status={r.status}><td>{date(r.dueDate)}</td><td>{m(r.unpaid)}</td><td>{LABEL[r.status] ?? r.status}</td></tr>)}</tbody>
        </table>
      </div>
      {next && <Pay key={`${next.number}-${next.unpaid}`} session={session} config={config} loanId={loan.id} currency={loan.currency} suggested={next.unpaid} />}
    </>
  );
}
