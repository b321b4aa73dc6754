import { Client, cacheExchange, fetchExchange } from 'urql';

/** The public GraphQL API the console uses, as any tenant's front-end would: same endpoint, same bearer token. */
export function apiClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: 'cache-and-network',
    // POST, as the API's CSRF prevention wants of a browser (a GET needs a preflight header).
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>) }),
  });
}
