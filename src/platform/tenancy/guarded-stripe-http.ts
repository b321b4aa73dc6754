import Stripe from 'stripe';
import { assertNoOpenTransaction } from './transaction-scope';

/**
 * The Stripe SDK's HTTP client with the network guard in front (see transaction-scope): a request
 * made while the caller's transaction is open is refused before it leaves. The SDK treats the
 * refusal as a connection failure (a StripeConnectionError whose `detail` is the
 * NetworkCallInTransactionError), so it never reaches Stripe whatever the SDK's retries.
 */
export function guardedStripeHttpClient(): Stripe.HttpClient {
  const inner = Stripe.createNodeHttpClient();
  const guarded: Stripe.HttpClient = Object.create(inner);
  guarded.makeRequest = (...args: Parameters<Stripe.HttpClient['makeRequest']>) => {
    try {
      assertNoOpenTransaction(`Stripe ${args[3]} ${args[2]}`);
    } catch (err) {
      return Promise.reject(err);
    }
    return inner.makeRequest(...args);
  };
  return guarded;
}
