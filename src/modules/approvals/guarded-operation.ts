import type { ApprovalOperation } from '../../core/approvals';
import type { RequestContext } from '../../platform/tenancy/request-context';

/** What a call is measured by against the policy's threshold, and what it is about (for the approver). */
export interface Measure {
  /** In the operation's money; null for operations without an amount. */
  amount: string | null;
  currency: string | null;
  subject: string;
  /** The call is beyond the authority the operation itself sets (e.g. a discount above its stage's): it needs a second person whatever the policy. */
  beyondAuthority?: boolean;
}

/**
 * One operation a tenant can put under four-eyes, declared by the module that owns it: how to
 * measure a call (which also refuses a call that could never run, so no request is made for it) and
 * how to run it. The resolver and the approval of a request both call `run` with the same arguments,
 * so an approved request does exactly what the call would have done.
 */
export interface GuardedOperation<A, R> {
  readonly operation: ApprovalOperation;
  /** The operation sets its own authority (see Measure.beyondAuthority): every call is measured, with or without a policy. */
  readonly hasAuthority?: boolean;
  measure(ctx: RequestContext, args: A): Promise<Measure>;
  run(ctx: RequestContext, args: A): Promise<R>;
}

/** Every guarded operation by name, as the app composes them (an approved request is run by name). */
export type GuardedOperationRegistry = { readonly [K in ApprovalOperation]: GuardedOperation<never, unknown> };

/** Declares a guarded operation (the argument and result types follow from `measure` and `run`). */
export const guarded = <A, R>(operation: ApprovalOperation, definition: Omit<GuardedOperation<A, R>, 'operation'>): GuardedOperation<A, R> => ({ operation, ...definition });
