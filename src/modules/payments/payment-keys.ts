import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { StripeAmountError, toStripeAmount } from '../../core/payments/minor-units';
import { stableUuid } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';

/** Our payment id for an operation key: the same request retried is the same payment (and the same Stripe idempotency key). */
export const paymentIdFor = (ctx: RequestContext, operationKey: string) => stableUuid(`${ctx.tenant}:payment:${operationKey}`);

/** The Stripe idempotency key of a payment: derived from our own record. */
export const stripeKeyOf = (paymentId: string) => `payment:${paymentId}`;

/** `amount` as Stripe minor units, or BAD_USER_INPUT naming the field. */
export function stripeAmountOrThrow(field: string, amount: string, currency: string): number {
  try {
    if (new Dec(amount).decimalPlaces() > currencyDecimals(currency)) throw new StripeAmountError(`at most ${currencyDecimals(currency)} decimals in ${currency}`);
    return toStripeAmount(amount, currency);
  } catch (err) {
    if (err instanceof StripeAmountError) throw badInput(field, err.message);
    throw err;
  }
}

