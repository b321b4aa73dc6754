import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, on its own registry so tests can boot several apps. */
export interface Metrics {
  registry: Registry;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation'>;
  jobs: Counter<'queue' | 'job' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'microlend_' });
  return {
    registry,
    graphqlRequests: new Counter({ name: 'microlend_graphql_requests_total', help: 'GraphQL operations by name and outcome', labelNames: ['operation', 'outcome'], registers: [registry] }),
    graphqlDuration: new Histogram({
      name: 'microlend_graphql_duration_seconds', help: 'GraphQL operation latency', labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
    }),
    jobs: new Counter({ name: 'microlend_jobs_total', help: 'Jobs processed by queue, name and outcome', labelNames: ['queue', 'job', 'outcome'], registers: [registry] }),
  };
}
