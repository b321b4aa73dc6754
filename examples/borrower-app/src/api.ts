import { type Client, createClient } from 'graphql-ws';

/**
 * The lender's public GraphQL API, reached through this app's own backend at /graphql (same origin:
 * no CORS, and the backend is where a tenant adds its own checks). Every call carries the borrower
 * token the backend minted; the API lets that token see and do only this borrower's business.
 */
export class ApiError extends Error {
  constructor(message: string, readonly code: string, readonly field: string | null) { super(message); }
}

export async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code ?? 'INTERNAL_SERVER_ERROR', e.extensions?.field ?? null);
  }
  return body.data as T;
}

/** Live events of this borrower (graphql-ws on the same /graphql), e.g. loan.disbursed, loan.repayment_posted. */
export function subscribeEvents(token: string, types: string[], onEvent: (e: { type: string; subjectId: string }) => void): () => void {
  const client: Client = createClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`, connectionParams: { authorization: `Bearer ${token}` } });
  const stop = client.subscribe<{ events: { type: string; subjectId: string } }>(
    { query: 'subscription($types: [String!]) { events(types: $types) { type subjectId } }', variables: { types } },
    { next: (m) => m.data && onEvent(m.data.events), error: () => undefined, complete: () => undefined },
  );
  return () => { stop(); void client.dispose(); };
}

/** Money as the API gives it (a decimal string), formatted in the borrower's locale without a float in between. */
export const money = (amount: string | null | undefined, currency: string, locale = navigator.language) =>
  amount == null ? '' : new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
export const percent = (fraction: string, locale = navigator.language) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(fraction as unknown as number);
export const date = (d: string, style: 'medium' | 'short' = 'medium', locale = navigator.language) => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`));
