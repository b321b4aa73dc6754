import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Client } from 'pg';
import { isDatabaseUnavailable } from '../../src/platform/db/domain-errors';
import { queryPrepared, together } from '../../src/platform/db/prepared';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import type { RequestContext } from '../../src/platform/tenancy/request-context';
import { type TestApp, startTestApp } from '../support/test-app';
import { SUBMIT, borrowerInput, lenderWithProduct } from '../support/origination';
import { insertOf } from '../../src/platform/db/staged-insert';
import { ApplicationEntity } from '../../src/modules/origination/application.entity';
import { BorrowerEntity } from '../../src/modules/identity/borrower.entity';

/**
 * What waits to be sent (BEGIN with the tenant scope, the unit of work's staged writes) goes with the
 * unit's next bound statement in one round trip. Read through the unit's own statements as the
 * services use them: what the next statement sees, what an error stops, and how many times the
 * client was called.
 */
describe('BEGIN, the scope and staged writes in one round trip with the next statement', () => {
  let app: TestApp;
  let tenantId = '';
  const original = Client.prototype.query;
  let calls: string[] = [];
  const inTenant = <T>(work: (ctx: RequestContext) => Promise<T>) => runInContext(app.runtime.dataSource, { tenantId, actor: { type: 'SYSTEM', id: 'spec' }, roles: [] }, work);
  const stage = (ctx: RequestContext, value: string, id = randomUUID()) =>
    ctx.writes.add("INSERT INTO blacklist_entries (tenant_id, id, kind, value_bidx, reason) VALUES ($1, $2, 'PHONE', $3, 'spec')", [tenantId, id, value]);
  const COUNT = 'SELECT count(*)::int AS n FROM blacklist_entries WHERE value_bidx = ANY($1::text[])';
  const stored = async (values: string[]) => (await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM blacklist_entries WHERE tenant_id = $1 AND value_bidx = ANY($2::text[])', [tenantId, values]))[0].n;

  beforeAll(async () => {
    app = await startTestApp();
    tenantId = (await app.createTenant()).id;
    Client.prototype.query = function watched(this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      calls.push(typeof first === 'string' ? first : first.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await app.close();
  });

  it('BEGIN and the tenant scope go with the transaction\'s first bound statement: one call, answered inside the scope, then COMMIT', async () => {
    calls = [];
    const [row] = await inTenant(async (ctx) => (await ctx.db()).query('SELECT current_setting($1, true) AS tenant', ['app.tenant_id']));
    // The scope is set for the transaction only (set_config's is_local): seen by the next statement, it was in an open transaction block.
    expect(row.tenant).toBe(tenantId);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(new RegExp(`^START TRANSACTION; SELECT set_config\\('app.tenant_id', '${tenantId}', true\\).*; SELECT current_setting`));
    expect(calls[1]).toBe('COMMIT');
  });

  it('a unit that sends no statement sends nothing: no BEGIN, and no COMMIT or ROLLBACK', async () => {
    calls = [];
    await expect(inTenant(async (ctx) => {
      await ctx.db();
      throw new Error('before any statement');
    })).rejects.toThrow('before any statement');
    await inTenant(async (ctx) => void (await ctx.db()));
    expect(calls).toEqual([]);
  });

  it('a prepared read after staged writes is one call to the client once both are prepared on the connection, and sees the writes', async () => {
    const tag = randomUUID();
    const seen = await inTenant(async (ctx) => {
      const em = await ctx.db();
      // The first time on this connection each text is prepared on its own.
      stage(ctx, `${tag}-1`);
      const first = await queryPrepared<{ n: number }>(em, COUNT, [[`${tag}-1`, `${tag}-2`]]);
      calls = [];
      stage(ctx, `${tag}-2`);
      const second = await queryPrepared<{ n: number }>(em, COUNT, [[`${tag}-1`, `${tag}-2`]]);
      return { first: first[0].n, second: second[0].n, calls: [...calls] };
    });
    expect(seen.first).toBe(1);
    expect(seen.second).toBe(2);
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]).toContain('INSERT INTO blacklist_entries');
    expect(seen.calls[0]).toContain('SELECT count(*)::int AS n FROM blacklist_entries');
    expect(await stored([`${tag}-1`, `${tag}-2`])).toBe(2);
  });

  it('prepared reads asked for together go with the staged writes in one call once prepared: each answered with its own rows, seeing the writes', async () => {
    const tag = randomUUID();
    const ECHO = 'SELECT $1::text AS echo';
    const both = (em: EntityManager, word: string) => together(em, () => Promise.all([
      queryPrepared<{ n: number }>(em, COUNT, [[`${tag}-1`, `${tag}-2`]]),
      // A branch that waits on nothing but the database before its read is still in time for the batch.
      (async () => (await Promise.resolve(em)) && queryPrepared<{ echo: string }>(em, ECHO, [word]))(),
    ]));
    const seen = await inTenant(async (ctx) => {
      const em = await ctx.db();
      // The first time on this connection each text is prepared on its own.
      stage(ctx, `${tag}-1`);
      const [[first], [firstEcho]] = await both(em, 'first');
      calls = [];
      stage(ctx, `${tag}-2`);
      const [[second], [secondEcho]] = await both(em, 'second');
      return { first: [first.n, firstEcho.echo], second: [second.n, secondEcho.echo], calls: [...calls] };
    });
    expect(seen.first).toEqual([1, 'first']);
    expect(seen.second).toEqual([2, 'second']);
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]).toContain('INSERT INTO blacklist_entries');
    expect(seen.calls[0]).toContain(COUNT);
    expect(seen.calls[0]).toContain(ECHO);
    expect(await stored([`${tag}-1`, `${tag}-2`])).toBe(2);
  });

  it('a read that needs another\'s answer goes after it, in the next round trip; outside `together` each read is its own', async () => {
    const seen = await inTenant(async (ctx) => {
      const em = await ctx.db();
      const chain = () => together(em, async () => {
        const [a] = await queryPrepared<{ x: number }>(em, 'SELECT $1::int + 1 AS x', [1]);
        const [b] = await queryPrepared<{ x: number }>(em, 'SELECT $1::int + 1 AS x', [a.x]);
        return b.x;
      });
      await chain();
      calls = [];
      const chained = await chain();
      const chainedCalls = calls.length;
      calls = [];
      const apart = await Promise.all([queryPrepared<{ x: number }>(em, 'SELECT $1::int + 1 AS x', [5]), queryPrepared<{ x: number }>(em, 'SELECT $1::int + 1 AS x', [6])]);
      return { chained, chainedCalls, apart: apart.map(([r]) => r.x), apartCalls: calls.length };
    });
    expect(seen).toEqual({ chained: 3, chainedCalls: 2, apart: [6, 7], apartCalls: 2 });
  });

  it('a read that fails among others sent together fails each of them, and the unit rolls back whole', async () => {
    const tag = randomUUID();
    const DIVIDE = 'SELECT 1 / $1::int AS x';
    let outcomes: PromiseSettledResult<unknown>[] = [];
    const err = await inTenant(async (ctx) => {
      const em = await ctx.db();
      await queryPrepared(em, COUNT, [[tag]]);
      await queryPrepared(em, DIVIDE, [1]).catch(() => undefined);
      stage(ctx, `${tag}-kept`);
      calls = [];
      outcomes = await together(em, () => Promise.allSettled([queryPrepared(em, COUNT, [[tag]]), queryPrepared(em, DIVIDE, [0])]));
      expect(calls).toHaveLength(1);
      throw (outcomes[1] as PromiseRejectedResult).reason;
    }).catch((e: { code?: string }) => e);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((err as { code?: string }).code).toBe('22012');
    expect(await stored([`${tag}-kept`])).toBe(0);
  });

  it('reads gathered by work that fails before they are sent are never sent: refused, the unit rolled back, the connection serving the next unit', async () => {
    const LATE = 'SELECT 2 * $1::int AS late';
    let late: Promise<unknown> | undefined;
    calls = [];
    const err = await inTenant(async (ctx) => {
      const em = await ctx.db();
      await queryPrepared(em, COUNT, [['none']]);
      await together(em, async () => {
        late = queryPrepared(em, LATE, [21]);
        late.catch(() => undefined);
        throw new Error('the work failed');
      });
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe('the work failed');
    await expect(late).rejects.toThrow('rolled back before the read was sent');
    await new Promise((r) => setImmediate(r));
    expect(calls.filter((t) => t.includes(LATE))).toEqual([]);
    expect(calls.at(-1)).toBe('ROLLBACK');
    // The connection it had (the pool's last returned, so the next unit's) answers the next unit.
    expect(await inTenant(async (ctx) => (await queryPrepared<{ late: number }>(await ctx.db(), LATE, [2]))[0].late)).toBe(4);
  });

  it('a statement asked for on a unit\'s connection after the unit ended is refused, never sent (the connection is back in the pool)', async () => {
    const LEFT = 'SELECT 3 * $1::int AS left_behind';
    const em = await inTenant(async (ctx) => {
      const db = await ctx.db();
      await queryPrepared(db, COUNT, [['none']]);
      return db;
    });
    calls = [];
    await expect(queryPrepared(em, LEFT, [1])).rejects.toThrow('after its unit of work ended');
    expect(calls).toEqual([]);
  });

  it('an entity read (TypeORM, bound) after staged writes goes with them and sees them', async () => {
    const tag = randomUUID();
    const seen = await inTenant(async (ctx) => {
      const em = await ctx.db();
      stage(ctx, `${tag}-a`);
      calls = [];
      const rows = await em.query('SELECT value_bidx FROM blacklist_entries WHERE value_bidx = $1', [`${tag}-a`]);
      return { rows, calls: [...calls] };
    });
    expect(seen.rows).toEqual([{ value_bidx: `${tag}-a` }]);
    expect(seen.calls).toHaveLength(1);
  });

  it('writes that fail stop the statement behind them: their error is raised, nothing of the unit stays, and the connections serve the next unit', async () => {
    const tag = randomUUID();
    await inTenant(async (ctx) => void stage(ctx, `${tag}-dup`));
    let reached = false;
    let pair: string[] = [];
    const err = await inTenant(async (ctx) => {
      const em = await ctx.db();
      stage(ctx, `${tag}-fresh`);
      await queryPrepared(em, COUNT, [[tag]]); // both texts now prepared on this connection
      calls = [];
      stage(ctx, `${tag}-dup`); // taken: the unique key fails the write
      try {
        await queryPrepared(em, COUNT, [[tag]]);
      } finally {
        pair = [...calls];
      }
      reached = true;
    }).catch((e: { code?: string }) => e);
    expect(pair).toHaveLength(1); // they went together
    expect(reached).toBe(false);
    expect((err as { code?: string }).code).toBe('23505');
    expect(await stored([`${tag}-fresh`])).toBe(0);
    // Every pooled connection is out of the failed transaction.
    const answers = await Promise.all(Array.from({ length: 12 }, () => inTenant(async (ctx) => (await queryPrepared<{ n: number }>(await ctx.db(), COUNT, [[`${tag}-dup`]]))[0].n)));
    expect(answers).toEqual(Array(12).fill(1));
  });

  it('a statement that fails behind writes that succeeded raises its own error and the unit rolls back whole', async () => {
    const tag = randomUUID();
    let pair: string[] = [];
    const err = await inTenant(async (ctx) => {
      const em = await ctx.db();
      stage(ctx, `${tag}-first`);
      await queryPrepared(em, COUNT, [[tag]]);
      calls = [];
      stage(ctx, `${tag}-second`);
      try {
        await em.query('SELECT 1 / $1::int AS x', [0]);
      } finally {
        pair = [...calls];
      }
    }).catch((e: { code?: string }) => e);
    expect(pair).toHaveLength(1);
    expect((err as { code?: string }).code).toBe('22012');
    expect(await stored([`${tag}-first`, `${tag}-second`])).toBe(0);
  });

  it('a unit whose connection dies under a statement fails with the database gone (a retriable error), not with the ROLLBACK it could not send', async () => {
    const err = await inTenant(async (ctx) => {
      const em = await ctx.db();
      const [{ pid }] = await em.query('SELECT pg_backend_pid() AS pid WHERE $1::int = 1', [1]);
      const kill = new Promise((r) => setTimeout(r, 200)).then(() => app.ownerQuery('SELECT pg_terminate_backend($1)', [pid]));
      try {
        await em.query('SELECT pg_sleep(5) WHERE $1::int = 1', [1]);
      } finally {
        await kill;
        await new Promise((r) => setTimeout(r, 50)); // the client hears its connection end before the unit rolls back
      }
    }).catch((e: unknown) => e);
    expect(String(err)).not.toMatch(/released/i);
    expect(isDatabaseUnavailable(err)).toBe(true);
    // The pool dropped that client: the next units are served.
    const answers = await Promise.all(Array.from({ length: 12 }, () => inTenant(async (ctx) => (await (await ctx.db()).query('SELECT $1::int AS n', [7]))[0].n)));
    expect(answers).toEqual(Array(12).fill(7));
  });

  it('writes staged with no statement behind them go on their own before COMMIT', async () => {
    const tag = randomUUID();
    await inTenant(async (ctx) => {
      await ctx.db();
      stage(ctx, `${tag}-last`);
    });
    expect(await stored([`${tag}-last`])).toBe(1);
  });
});

describe('a staged entity insert, its text written once per entity and shape', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is the INSERT TypeORM writes, text and parameters, for the borrowers and applications a submission stages (nulls, JSON, dates, a column left to its default)', async () => {
    const lender = await lenderWithProduct(app);
    const res = await app.gql(SUBMIT, { input: { productId: lender.productId, amount: '20000.00', termCount: 12, frequency: 'MONTHLY', borrower: borrowerInput() } }, lender.admin);
    expect(res.errors).toBeUndefined();
    const { id, borrowerId } = res.data!.submitApplication;
    await runInContext(app.runtime.dataSource, { tenantId: lender.tenantId, actor: { type: 'SYSTEM', id: 'spec' }, roles: [] }, async (ctx) => {
      const em = await ctx.db();
      const typeorm = (target: any, entity: any) => em.createQueryBuilder().insert().into(target).values(entity).updateEntity(false).getQueryAndParameters();
      const application = await em.getRepository(ApplicationEntity).findOneByOrFail({ id });
      const borrower = await em.getRepository(BorrowerEntity).findOneByOrFail({ id: borrowerId });
      expect(application.decision).not.toBeNull();
      const shapes: [any, any][] = [
        [ApplicationEntity, application],
        [ApplicationEntity, { ...application, id: randomUUID(), purpose: null, updatedAt: undefined }],
        [BorrowerEntity, borrower],
        [BorrowerEntity, { ...borrower, id: randomUUID(), createdAt: undefined }],
      ];
      for (const [target, entity] of shapes) {
        const [sql, params] = insertOf(em, target, Object.assign(new target(), entity));
        expect([sql, params]).toEqual(typeorm(target, Object.assign(new target(), entity)));
        // Written again from the cache, the same.
        expect(insertOf(em, target, Object.assign(new target(), entity))).toEqual([sql, params]);
      }
      expect(insertOf(em, ApplicationEntity, Object.assign(new ApplicationEntity(), { ...application, updatedAt: undefined }))[0]).toMatch(/DEFAULT/);
    });
  });
});
