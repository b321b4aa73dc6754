import { useState } from 'react';
import { gql } from '../api';
import type { Session } from '../session';
import type { OfferedApplication } from './offer';

/** The contract to read and sign by typing one's name; the signature names the hash of exactly this text. */
export function Sign({ session, application, onSigned }: { session: Session; application: OfferedApplication; onSigned: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const contract = application.contract!;
  const sign = async () => {
    setBusy(true);
    try {
      await gql(session.token, 'mutation($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }', { id: application.id, name, hash: contract.sha256 });
      onSigned();
    } catch (e) { setError((e as Error).message); setBusy(false); }
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void sign(); }}>
      <h1>Sign your contract</h1>
      <div className="contract" data-testid="contract" tabIndex={0}>{contract.text}</div>
      <label>Type your full name to sign<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy || !name}>Sign</button>
    </form>
  );
}
