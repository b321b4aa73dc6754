import { useEffect, useState } from 'react';
import { ApiError, gql, money, percent } from '../api';
import type { Session } from '../session';

interface Product { id: string; name: string; currency: string; terms: { amountMin: string; amountMax: string; termMin: number; termMax: number; frequencies: string[]; rateBands: { grade: string }[] } }
interface Preview { apr: string; totalPayable: string; installments: { total: string }[] }

const today = () => new Date().toISOString().slice(0, 10);

/** Apply: a product, an amount and a term, with the instalment and APR estimated (at the product's first, best, rate band) as they are chosen. */
export function Apply({ session, onApplied }: { session: Session; onApplied: () => void }) {
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState('');
  const [amount, setAmount] = useState('');
  const [termCount, setTermCount] = useState(0);
  const [purpose, setPurpose] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const product = products.find((p) => p.id === productId);
  useEffect(() => {
    void gql<{ loanProducts: { nodes: Product[] } }>(session.token, '{ loanProducts(first: 50, status: ACTIVE) { nodes { id name currency terms { amountMin amountMax termMin termMax frequencies rateBands { grade } } } } }').then((d) => {
      setProducts(d.loanProducts.nodes);
      const first = d.loanProducts.nodes[0];
      if (first) { setProductId(first.id); setAmount(first.terms.amountMin); setTermCount(first.terms.termMin); }
    });
  }, [session.token]);
  useEffect(() => {
    if (!product || !/^\d+(\.\d+)?$/.test(amount) || termCount < 1) return setPreview(null);
    const timer = setTimeout(() => {
      gql<{ previewSchedule: Preview }>(session.token, 'query($i: SchedulePreviewInput!) { previewSchedule(input: $i) { apr totalPayable installments { total } } }', { i: { productId, principal: amount, termCount, frequency: product.terms.frequencies[0], disbursementDate: today(), riskGrade: product.terms.rateBands[0]?.grade } })
        .then((d) => { setPreview(d.previewSchedule); setError(null); }, (e: ApiError) => { setPreview(null); setError(e); });
    }, 300);
    return () => clearTimeout(timer);
  }, [session.token, product, productId, amount, termCount]);
  const submit = async () => {
    setBusy(true);
    try {
      await gql(session.token, 'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id status } }', { i: { productId, amount, termCount, frequency: product!.terms.frequencies[0], purpose: purpose || null } });
      onApplied();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1>Apply for a loan</h1>
      <label>Loan<select value={productId} onChange={(e) => setProductId(e.target.value)}>{products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
      {product && <label>Amount ({money(product.terms.amountMin, product.currency)} – {money(product.terms.amountMax, product.currency)})<input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required /></label>}
      {product && <label>Number of instalments ({product.terms.termMin}–{product.terms.termMax})<input type="number" min={product.terms.termMin} max={product.terms.termMax} value={termCount || ''} onChange={(e) => setTermCount(Number(e.target.value))} required /></label>}
      <label>What it is for<input value={purpose} onChange={(e) => setPurpose(e.target.value)} /></label>
      {preview && product && <p className="muted" data-testid="estimate">From about {money(preview.installments[0]?.total, product.currency)} an instalment · APR from {percent(preview.apr)} · {money(preview.totalPayable, product.currency)} in all, at our best rate; your offer follows your application</p>}
      {error && <p className="error" role="alert">{error.message}{error.field ? ` (${error.field})` : ''}</p>}
      <button type="submit" disabled={busy || !product}>Apply</button>
    </form>
  );
}
