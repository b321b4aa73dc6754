// First: graphql-js reads NODE_ENV when it is loaded.
import './support/production-env';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { seedLoans } from '../src/modules/cob/seed-loans';
import { todayIn } from '../src/platform/tenancy/business-date';
import { benchLender, startBenchApp } from './support/bench-app';
import { postAll } from './support/http-load';

export interface GraphQLReadResult {
  loans: number;
  requests: number;
  concurrency: number;
  /** Requests per second of the list query through the real API (RLS, auth and the rate limiter on), median of the rounds. */
  apiPerSecond: number;
  /** The same with only `id` selected. */
  apiIdsPerSecond: number;
  /** A bare Apollo 5 server (express5) answering the same shape from memory. */
  bareApolloPerSecond: number;
  /** The median of the rounds' ratios (API over bare, each round measuring both). */
  ratio: number;
  rounds: number;
  roundRatios: number[];
  /** NODE_ENV of the run (both servers run in this process). */
  nodeEnv: string;
}

/** The read the issue measures: a page of 50 loans with the fields a loan list shows. */
export const LOANS_QUERY = '{ loans(first: 50) { nodes { id status principal annualRate currency dpd bucket borrowerId productId nextDueDate } } }';
const LOAN_IDS_QUERY = '{ loans(first: 50) { nodes { id } } }';

/** The schema slice of the bare server: the `loans` connection with those fields, as the API declares them. */
const BARE_TYPE_DEFS = `#graphql
  scalar Decimal
  scalar Date
  enum LoanStatus { ACTIVE CLOSED WRITTEN_OFF RESTRUCTURED }
  type Loan {
    id: ID!
    status: LoanStatus!
    principal: Decimal!
    annualRate: Decimal!
    currency: String!
    dpd: Int!
    bucket: String!
    borrowerId: ID!
    productId: ID!
    nextDueDate: Date
  }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type LoanEdge { cursor: String! node: Loan! }
  type LoanConnection { edges: [LoanEdge!]! nodes: [Loan!]! pageInfo: PageInfo! }
  type Query { loans(first: Int, after: String): LoanConnection! }
`;

/**
 * Reads through GraphQL: `loans(first: 50)` against the real API (a real API key, RLS, the shield
 * and the rate limiter on) next to a bare Apollo 5 server on Express 5 that returns the same page
 * from memory, both driven by the same load generator with `concurrency` keep-alive clients.
 */
export async function runGraphQLReadBench({ loans = 300, requests = 3000, concurrency = 8, rounds = 5, log = (s: string) => void process.stderr.write(s) } = {}): Promise<GraphQLReadResult> {
  // The limiter on, with a budget far above what the run spends: it meters every request and refuses none.
  const bench = await startBenchApp({ RATE_LIMITS: 'true', RATE_LIMIT_PLANS: 'BENCH:1000000000:1000000', RATE_LIMIT_DEFAULT_PLAN: 'BENCH' });
  let bare: { server: Server; apollo: ApolloServer } | undefined;
  try {
    const { runtime } = bench;
    const { tenantId, key } = await benchLender(runtime, 'read-bench', 'SERVICER');
    log(`seeding ${loans} loans\n`);
    await seedLoans(runtime.services.units, runtime.services, { tenantId, productCode: 'BOOK', count: loans, startDate: todayIn('UTC') });
    await runtime.dataSource.query('ANALYZE loans');

    const auth = `Bearer ${key}`;
    const bodies = (query: string, n: number) => Array.from({ length: n }, () => JSON.stringify({ query }));
    const rate = async (url: string, query: string, authorization: string, n: number) => (await postAll(url, authorization, bodies(query, n), concurrency)).perSecond;
    // The page the real API answers is what the bare server returns, so both send the same bytes.
    const page = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ query: LOANS_QUERY }) })
      .then((r) => r.json() as Promise<{ data: { loans: { nodes: Record<string, unknown>[] } } }>);
    const nodes = page.data.loans.nodes;
    if (nodes.length !== Math.min(50, loans)) throw new Error(`expected a full page, got ${nodes.length}`);

    bare = await startBareApollo(nodes);
    const { port } = bare.server.address() as { port: number };
    const bareUrl = `http://127.0.0.1:${port}/graphql`;
    // Warm-up (JIT, pools, caches) of both servers.
    const warm = Math.max(200, Math.round(requests / 3));
    await rate(bareUrl, LOANS_QUERY, 'Bearer none', warm);
    await rate(bench.url, LOANS_QUERY, auth, warm);
    // Rounds that alternate the two servers (and which goes first), so a machine that speeds up or
    // slows down during the run (other tenants of the host) moves both figures of a round alike.
    const perRound = Math.max(100, Math.round(requests / rounds));
    const roundRatios: number[] = [];
    const apiRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const measureBare = () => rate(bareUrl, LOANS_QUERY, 'Bearer none', perRound);
      const measureApi = () => rate(bench.url, LOANS_QUERY, auth, perRound);
      let a: number;
      let b: number;
      if (round % 2 === 0) {
        b = await measureBare();
        a = await measureApi();
      } else {
        a = await measureApi();
        b = await measureBare();
      }
      bareRates.push(b);
      apiRates.push(a);
      roundRatios.push(a / b);
      log(`round ${round + 1}: bare ${b.toFixed(0)}/s, API ${a.toFixed(0)}/s, ${(a / b).toFixed(2)}x\n`);
    }
    log('ids only');
    const apiIdsPerSecond = await rate(bench.url, LOAN_IDS_QUERY, auth, perRound);
    log(` ${apiIdsPerSecond.toFixed(0)}/s\n`);
    return {
      loans, requests: perRound * rounds, concurrency, rounds, roundRatios, apiPerSecond: median(apiRates), apiIdsPerSecond, bareApolloPerSecond: median(bareRates),
      ratio: median(roundRatios), nodeEnv: process.env.NODE_ENV ?? 'development',
    };
  } finally {
    if (bare) {
      bare.server.closeAllConnections();
      await new Promise((r) => bare!.server.close(r));
      await bare.apollo.stop();
    }
    await bench.close();
  }
}

/** Apollo 5 with the express5 integration and default settings, answering `loans` from memory. */
async function startBareApollo(nodes: Record<string, unknown>[]): Promise<{ server: Server; apollo: ApolloServer }> {
  const connection = {
    nodes,
    edges: nodes.map((node) => ({ cursor: String(node.id), node })),
    pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: String(nodes[0]?.id), endCursor: String(nodes[nodes.length - 1]?.id) },
  };
  const apollo = new ApolloServer({ typeDefs: BARE_TYPE_DEFS, resolvers: { Query: { loans: () => connection } } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, apollo };
}

export function printGraphQLReadResult(r: GraphQLReadResult): void {
  console.log(`graphql-read: loans(first: 50) with 10 fields, ${r.requests} requests from ${r.concurrency} clients over ${r.loans} loans, NODE_ENV=${r.nodeEnv} for both servers`);
  console.log(`  API (RLS, API key, rate limiter on)  ${r.apiPerSecond.toFixed(0).padStart(7)} req/s`);
  console.log(`  API, nodes { id } only               ${r.apiIdsPerSecond.toFixed(0).padStart(7)} req/s`);
  console.log(`  bare Apollo 5 (express5), in memory  ${r.bareApolloPerSecond.toFixed(0).padStart(7)} req/s`);
  console.log(`  rounds (API / bare)                  ${r.roundRatios.map((x) => `${x.toFixed(2)}x`).join(' ')}`);
  console.log(`  graphql-read ratio (median)          ${r.ratio.toFixed(2).padStart(7)}x (target >= 0.5x)\n`);
}

// `node -r @swc-node/register bench/graphql-read.bench.ts` runs this bench alone.
if (require.main === module) {
  void runGraphQLReadBench({ loans: Number(process.env.BENCH_READ_LOANS ?? 300), requests: Number(process.env.BENCH_READ_REQUESTS ?? 3000) }).then(printGraphQLReadResult);
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
