import request from 'supertest';
import { freePort } from '../support/services';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * Prometheus metrics stay off the public port and keep a bounded set of series: the `operation`
 * label is a root field of the schema or `other`, whatever name the client gives its operation.
 */
describe('metrics', () => {
  let app: TestApp;
  let metricsPort: number;
  let key: string;
  beforeAll(async () => {
    metricsPort = await freePort();
    app = await startTestApp({ env: { METRICS_PORT: String(metricsPort) } });
    const tenant = await app.createTenant();
    key = await app.apiKey(tenant.slug, 'LENDER_ADMIN');
  });
  afterAll(() => app.close());

  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const operations = (text: string) =>
    new Set([...text.matchAll(/^microlend_graphql_requests_total\{operation="([^"]*)"/gm)].map((m) => m[1]));

  it('labels operations by root field or other, never by the client’s operation name', async () => {
    const send = (query: string, operationName?: string) =>
      request(app.http.app).post('/graphql').set('authorization', `Bearer ${key}`).send({ query, operationName });
    for (let i = 0; i < 5; i++) await send(`query Evil${i}23 { apiKeys { nodes { id } } }`, `Evil${i}23`);
    await send('query Evil123 { __typename }', 'Evil123');
    await send('query Two { apiKeys { nodes { id } } __typename }', 'Two');
    await send('query Broken { noSuchField }', 'Broken');
    await send('not graphql at all');
    const text = await scrape();
    expect(text).not.toMatch(/Evil|Two|Broken/);
    expect(operations(text)).toEqual(new Set(['apiKeys', 'other']));
    expect(text).toMatch(/microlend_graphql_requests_total\{operation="apiKeys",outcome="ok"\} 5/);
    const roots = new Set(['other', ...Object.keys(app.http.schema.getQueryType()!.getFields()), ...Object.keys(app.http.schema.getMutationType()!.getFields())]);
    for (const op of operations(text)) expect(roots).toContain(op);
  });

  it('serves /metrics on METRICS_PORT only: the API port answers 404', async () => {
    expect((await request(app.http.app).get('/metrics')).status).toBe(404);
    expect(await scrape()).toMatch(/microlend_graphql_duration_seconds_bucket/);
    expect((await request(app.http.app).get('/healthz')).status).toBe(200);
  });
});
