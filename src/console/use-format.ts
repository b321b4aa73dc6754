import { formatDate, formatMoney, formatPercent } from './format';
import { useViewer } from './viewer';

/** Amounts, dates and percentages in the signed-in lender's locale and currency. */
export function useFormat() {
  const { tenant } = useViewer();
  return {
    money: (amount: string | null | undefined, currency?: string | null) => formatMoney(amount, currency ?? tenant.baseCurrency, tenant.locale),
    date: (date: string | null | undefined) => (date ? formatDate(date, tenant.locale) : ''),
    dateTime: (at: string | null | undefined) => (at ? formatDateTime(at, tenant.locale, tenant.timezone) : ''),
    percent: (fraction: string | null | undefined) => formatPercent(fraction, tenant.locale),
  };
}

/** A moment in the lender's own time zone, as its staff read the clock. */
export function formatDateTime(at: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/** The lender's today (YYYY-MM-DD), the business date a form proposes. */
export const todayIn = (timezone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());

/** A fresh idempotency key for one money-moving form: a retry of the same submission sends the same key. */
export const newIdempotencyKey = (): string => `console-${crypto.randomUUID()}`;
