import { useState } from 'react';
import { gql } from '../api';
import { type Session, signUp } from '../session';

const FIELDS: { name: string; label: string; type?: string; inputMode?: 'decimal' | 'tel' }[] = [
  { name: 'fullName', label: 'Full name' }, { name: 'phone', label: 'Mobile number', type: 'tel', inputMode: 'tel' },
  { name: 'nationalId', label: 'National ID number' }, { name: 'dateOfBirth', label: 'Date of birth', type: 'date' },
  { name: 'region', label: 'Region' }, { name: 'industry', label: 'What you do (trade)' },
  { name: 'monthlyIncome', label: 'Monthly income', inputMode: 'decimal' }, { name: 'monthlyObligations', label: 'Monthly repayments on other loans', inputMode: 'decimal' },
];
const CONSENT_VERSION = 'borrower-app-2026-12';

/** Sign-up: the details the lender decides on, and the consents it needs (a credit check; offers, if the person agrees). */
export function SignUp({ onSignedUp }: { onSignedUp: (s: Session) => void }) {
  const [values, setValues] = useState<Record<string, string>>({ monthlyObligations: '0' });
  const [bureau, setBureau] = useState(false);
  const [marketing, setMarketing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const session = await signUp(values);
      const consent = (kind: string) => gql(session.token, `mutation($id: ID!, $kind: ConsentKind!, $v: String!) { recordConsent(borrowerId: $id, kind: $kind, granted: true, textVersion: $v) { kind } }`, { id: session.borrowerId, kind, v: CONSENT_VERSION });
      await consent('BUREAU_PULL');
      if (marketing) await consent('MARKETING');
      onSignedUp(session);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1>Open your account</h1>
      {FIELDS.map((f) => (
        <label key={f.name}>{f.label}
          <input name={f.name} type={f.type ?? 'text'} inputMode={f.inputMode} required value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
        </label>
      ))}
      <label style={{ flexDirection: 'row', alignItems: 'center' }}><input type="checkbox" checked={bureau} onChange={(e) => setBureau(e.target.checked)} required /> I agree to a credit bureau check</label>
      <label style={{ flexDirection: 'row', alignItems: 'center' }}><input type="checkbox" checked={marketing} onChange={(e) => setMarketing(e.target.checked)} /> Send me offers (optional)</label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy || !bureau}>Continue</button>
    </form>
  );
}
