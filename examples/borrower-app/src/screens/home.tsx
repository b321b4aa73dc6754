import { useCallback, useEffect, useState } from 'react';
import { gql, subscribeEvents } from '../api';
import type { AppConfig } from '../brand';
import type { Session } from '../session';
import { LoanView } from './loan';
import { type OfferedApplication, Offer } from './offer';
import { Sign } from './sign';

interface Latest {
  applications: { nodes: (OfferedApplication & { status: string; adverseActionReasons: { code: string; description: string }[]; loanId: string | null })[] };
  loans: { nodes: { id: string; status: string }[] };
}

const LATEST = `{
  applications(first: 1) { nodes { id status loanId adverseActionReasons { code description }
    contract { sha256 text }
    offer { amount currency apr annualRate totalInterest totalCost totalPayable netDisbursement validUntil termCount frequency
      upfrontFees { deducted financed paidUpfront } fees { name kind amount rate }
      schedule { number dueDate principal interest fees total } } } }
  loans(first: 1) { nodes { id status } }
}`;

/**
 * Where the borrower stands: the newest application until it becomes a loan, then the loan. Live:
 * any event of theirs (a decision, the payout, a repayment posted) reloads it.
 */
export function Home({ session, config, onApply }: { session: Session; config: AppConfig; onApply: () => void }) {
  const [latest, setLatest] = useState<Latest | null>(null);
  const [tick, setTick] = useState(0);
  const [lastEvent, setLastEvent] = useState<string | null>(null);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const onEvent = useCallback((e: { type: string }) => { setLastEvent(e.type); reload(); }, [reload]);
  useEffect(() => { void gql<Latest>(session.token, LATEST).then(setLatest); }, [session.token, tick]);
  useEffect(() => subscribeEvents(session.token, ['application.*', 'loan.*'], onEvent), [session.token, onEvent]);
  if (!latest) return <p className="muted">…</p>;
  const application = latest.applications.nodes[0];
  const loan = latest.loans.nodes[0];
  if (loan && loan.status === 'ACTIVE' && (!application || application.loanId === loan.id || application.status === 'DISBURSED')) return <LoanView session={session} config={config} loanId={loan.id} tick={tick} lastEvent={lastEvent} />;
  if (!application || ['DECLINED', 'WITHDRAWN', 'EXPIRED', 'DISBURSED'].includes(application.status)) {
    return (
      <div className="card">
        <h1>{application?.status === 'DECLINED' ? 'We cannot lend this time' : 'Need a loan?'}</h1>
        {application?.status === 'DECLINED' && <ul>{application.adverseActionReasons.map((r) => <li key={r.code}>{r.description}</li>)}</ul>}
        <button type="button" onClick={onApply}>Apply</button>
      </div>
    );
  }
  if (application.status === 'OFFERED') return <Offer session={session} application={application} onAccepted={reload} />;
  if (application.status === 'ACCEPTED') return <Sign session={session} application={application} onSigned={reload} />;
  const waiting: Record<string, string> = {
    CONTRACT_SIGNED: 'Signed. The money is on its way to you: this page changes when it is sent.',
    REFERRED: 'A credit officer is looking at your application. We will show the decision here.',
  };
  return <div className="card" data-testid="waiting"><h1>Thank you</h1><p>{waiting[application.status] ?? 'We are working on your application.'}</p></div>;
}
