import { AsyncLocalStorage } from 'node:async_hooks';

/** What the guard needs to know of a transaction: whether it holds a connection with BEGIN sent. */
export interface ScopedTransaction {
  readonly isOpen: boolean;
}

interface Frame {
  tx: ScopedTransaction | undefined;
  parent: Frame | undefined;
}

const scope = new AsyncLocalStorage<Frame>();
let guarding = true;

/**
 * Thrown by an outbound network call (Stripe, a webhook POST, a provider) made while a transaction
 * of the calling async context is open: the rule is that no network call waits inside a transaction
 * (its locks and its connection would be held for as long as the other side takes). Move the call
 * out: claim in one short transaction, call, record in another (see PayoutService).
 */
export class NetworkCallInTransactionError extends Error {
  constructor(readonly target: string) {
    super(`network call to ${target} while a database transaction is open: call it after commit (claim, call, record)`);
    this.name = 'NetworkCallInTransactionError';
  }
}

/**
 * Runs `work` with `tx` as the transaction of its async context (a request, a job, a detached
 * step), nested in whatever context called it: a detached transaction inside a request sees both.
 */
export function withTransactionScope<T>(tx: ScopedTransaction | undefined, work: () => T): T {
  // Only the guard reads the scope: with it off (production), no async context is kept for it.
  if (!guarding) return work();
  return scope.run({ tx, parent: scope.getStore() }, work);
}

/** Binds `tx` to the innermost scope opened without one (the request's, see app.ts). */
export function bindTransaction(tx: ScopedTransaction): void {
  const frame = scope.getStore();
  if (frame && !frame.tx) frame.tx = tx;
}

/** Whether a transaction of the current async context (or one it runs inside) is open. */
export function transactionOpenHere(): boolean {
  for (let f = scope.getStore(); f; f = f.parent) if (f.tx?.isOpen) return true;
  return false;
}

/**
 * The guard every outbound call passes (the Stripe clients' HTTP client, webhook POSTs, providers):
 * throws NetworkCallInTransactionError when a transaction of the caller is open. On in development
 * and tests; production turns it off at boot (setNetworkGuard) so a missed path slows down rather than fails.
 */
export function assertNoOpenTransaction(target: string): void {
  if (guarding && transactionOpenHere()) throw new NetworkCallInTransactionError(target);
}

/** Turns the guard on or off for the process (off in production, see runtime.ts). */
export function setNetworkGuard(on: boolean): void {
  guarding = on;
}
