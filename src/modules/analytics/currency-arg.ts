import { badInput } from '../../core/domain-error';

/** The currency a figure is in: the one asked for (an ISO 4217 code, named by `field` when it is not one), else the lender's base currency. */
export function figureCurrency(asked: string | null | undefined, base: string, field = 'currency'): string {
  const currency = asked ?? base;
  if (!/^[A-Z]{3}$/.test(currency)) throw badInput(field, 'an ISO 4217 code');
  return currency;
}
