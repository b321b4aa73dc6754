import { Dec } from '../money';
import { StripeAmountError, fromStripeAmount, stripeAmountRule, toStripeAmount } from './minor-units';

describe('Stripe minor units', () => {
  it.each([
    ['1234.50', 'KES', 123450],
    ['0.01', 'USD', 1],
    ['500', 'JPY', 500],
    ['12000', 'UGX', 12000],
    ['5.120', 'KWD', 5120],
    ['40', 'ISK', 4000],
    ['1.1', 'usd', 110],
    // Floats would give 1.005 * 100 = 100.49999…; Decimal does not.
    ['1.00', 'USD', 100],
    ['19.99', 'EUR', 1999],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('%s %s is %d', (amount, currency, minor) => {
    expect(toStripeAmount(amount, currency)).toBe(minor);
    expect(fromStripeAmount(minor, currency)).toBe(new Dec(amount).toFixed(stripeAmountRule(currency).exponent));
  });

  it.each([
    ['1.005', 'USD', /decimals/],
    ['1.5', 'JPY', /decimals/],
    ['5.124', 'KWD', /multiple of 0.01/],
    ['40.10', 'ISK', /multiple of 1/],
    ['0', 'USD', /positive/],
    ['-1', 'USD', /positive/],
    ['90071992547409.92', 'USD', /too large/],
  ])('refuses %s %s', (amount, currency, message) => {
    expect(() => toStripeAmount(amount, currency)).toThrow(StripeAmountError);
    expect(() => toStripeAmount(amount, currency)).toThrow(message);
  });

  it('refuses a non-integer or unsafe minor amount coming back', () => {
    expect(() => fromStripeAmount(1.5, 'USD')).toThrow(StripeAmountError);
    expect(() => fromStripeAmount(2 ** 60, 'USD')).toThrow(StripeAmountError);
  });
});
