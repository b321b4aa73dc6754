/**
 * Money and dates in the tenant's locale: amounts stay decimal strings from the API to the screen
 * (Intl formats a string exactly; no float ever holds money here).
 */
export function formatMoney(amount: string | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
}

/** A fraction ("0.1834") as a percentage in the locale. */
export function formatPercent(fraction: string | null | undefined, locale: string): string {
  if (fraction === null || fraction === undefined || fraction === '') return '';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(fraction as unknown as number);
}

export function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/** Whether a decimal string is zero ("0", "0.00", "-0.0"), read as text: no float decides about money. */
export const isZeroDecimal = (v: string): boolean => /^[-+]?0*(\.0*)?$/.test(v.trim());
