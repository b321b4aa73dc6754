import { useEffect, useRef, useState } from 'react';
import { gql, money } from '../api';
import type { AppConfig } from '../brand';
import type { Session } from '../session';

/** The part of Stripe.js this app uses (https://docs.stripe.com/js): the Payment Element and confirmPayment. */
interface StripeJs {
  elements(opts: { clientSecret: string }): { create(kind: 'payment'): { mount(el: HTMLElement): void } };
  confirmPayment(opts: { elements: unknown; redirect: 'if_required' }): Promise<{ error?: { message: string }; paymentIntent?: { status: string } }>;
}
declare global { interface Window { Stripe?: (key: string) => StripeJs } }

/** Stripe.js from Stripe (never bundled, as Stripe requires), once. */
function loadStripe(key: string): Promise<StripeJs> {
  return new Promise((resolve, reject) => {
    if (window.Stripe) return resolve(window.Stripe(key));
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3/';
    script.onload = () => resolve(window.Stripe!(key));
    script.onerror = () => reject(new Error('Stripe could not be reached'));
    document.head.appendChild(script);
  });
}

/**
 * Paying: the lender's API makes a PaymentIntent (idempotent by the key this payment attempt keeps),
 * Stripe's Payment Element takes the card or wallet, Stripe confirms it; the repayment is posted when
 * Stripe tells the lender (webhook), and the loan above changes through the live subscription.
 */
export function Pay({ session, config, loanId, currency, suggested }: { session: Session; config: AppConfig; loanId: string; currency: string; suggested: string }) {
  const [amount, setAmount] = useState(suggested);
  const [key] = useState(() => crypto.randomUUID());
  const [stage, setStage] = useState<'idle' | 'entering' | 'confirming' | 'processing'>('idle');
  const [error, setError] = useState<string | null>(null);
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: StripeJs; elements: unknown } | null>(null);
  useEffect(() => setAmount(suggested), [suggested]);
  const start = async () => {
    setError(null);
    try {
      if (!config.stripePublishableKey) throw new Error('Card payments are not set up for this lender');
      const intent = await gql<{ createRepaymentIntent: { clientSecret: string | null } }>(session.token,
        'mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId clientSecret status } }', { i: { loanId, amount, idempotencyKey: `app-${key}-${amount}` } });
      const js = await loadStripe(config.stripePublishableKey);
      const elements = js.elements({ clientSecret: intent.createRepaymentIntent.clientSecret! });
      elements.create('payment').mount(mount.current!);
      stripe.current = { js, elements };
      setStage('entering');
    } catch (e) { setError((e as Error).message); }
  };
  const confirm = async () => {
    setStage('confirming');
    const result = await stripe.current!.js.confirmPayment({ elements: stripe.current!.elements, redirect: 'if_required' });
    if (result.error) { setError(result.error.message); setStage('entering'); return; }
    setStage('processing');
  };
  return (
    <div className="card" data-testid="pay">
      <h2>Make a payment</h2>
      <label>Amount ({currency})<input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} disabled={stage !== 'idle'} /></label>
      <div ref={mount} data-testid="payment-element" />
      {error && <p className="error" role="alert">{error}</p>}
      {stage === 'idle' && <button type="button" onClick={() => void start()}>Pay {money(amount, currency)}</button>}
      {(stage === 'entering' || stage === 'confirming') && <button type="button" onClick={() => void confirm()} disabled={stage === 'confirming'}>Confirm payment</button>}
      {stage === 'processing' && <p className="ok" role="status" data-testid="processing">Payment sent. Your loan updates here as soon as it is received.</p>}
    </div>
  );
}
