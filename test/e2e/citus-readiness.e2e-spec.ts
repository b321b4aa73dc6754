import 'reflect-metadata';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { findTenantJoinViolations, findUnroutedStatements } from '../../src/core/sql/tenant-joins';
import {
  CITUS_TRIGGER_REWRITE_SQL, TRANSITION_TRIGGERS_SQL, distributionSql, planDistribution, readSchemaCatalog, tenantTables,
  type DistributionPlan, type SchemaCatalog,
} from '../../src/platform/db/citus';
import { quoteIdent, withDatabase } from '../../src/platform/db/database';
import { runMigrations } from '../../src/app/migrate';
import { adminUrl, createTestDatabase } from '../support/test-app';
import { sqlLiterals, tsFiles } from '../support/sql-sources';

/**
 * The schema can be distributed by tenant (Citus) the day we need it: every tenant-owned table leads
 * its keys with tenant_id, no query joins two tenant tables without equating their tenant_ids, and
 * the distribution plan computed from the real catalog is complete and in a valid order.
 */

/**
 * Tables in `public` without tenant_id. A new table must either carry tenant_id (and RLS) or be added
 * here on purpose, as shared data (a Citus reference table) or platform state.
 */
const SHARED_TABLES = [
  'tenants', // the tenant registry itself: referenced by every tenant table
  'platform_api_keys', // the operator's keys
  'reference_rates', // published reference rates, read by every tenant
  'migrations', // TypeORM's record of applied migrations
  'rate_limit_buckets', // query-cost budgets per caller (platform state, unlogged, coordinator-local)
  'credential_epoch', // one counter moved by every credential change, read with each request's BEGIN
];

const ROOT = path.resolve(__dirname, '..', '..');

describe('citus readiness', () => {
  let ownerUrl: string;
  let owner: Client;
  let catalog: SchemaCatalog;
  let tenant: string[];

  beforeAll(async () => {
    ownerUrl = await createTestDatabase();
    owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    catalog = await readSchemaCatalog(async (sql) => (await owner.query(sql)).rows);
    tenant = tenantTables(catalog);
  });

  afterAll(async () => {
    await owner?.end();
    await dropDatabase(ownerUrl);
  });

  async function rows<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await owner.query(sql, params)).rows;
  }

  describe('catalog', () => {
    it('knows every table: tenant-owned (tenant_id) or on the shared allow-list', () => {
      expect(tenant.length).toBeGreaterThanOrEqual(30);
      const shared = catalog.tables.filter((t) => !t.hasTenantId).map((t) => t.name).sort();
      expect({ sharedNotOnTheList: shared.filter((t) => !SHARED_TABLES.includes(t)) }).toEqual({ sharedNotOnTheList: [] });
      expect({ listedButGone: SHARED_TABLES.filter((t) => !shared.includes(t)) }).toEqual({ listedButGone: [] });
      // Nothing of ours hides in another schema (BullMQ's own schema is not ours and is ignored).
      const elsewhere = rows(`SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('public', 'bullmq', 'pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
      return expect(elsewhere).resolves.toEqual([]);
    });

    it('leads every primary key, unique constraint, unique index and foreign key of a tenant table with tenant_id', async () => {
      expect(await keyViolations(owner, tenant)).toEqual([]);
    });

    it('would report each kind of bad key, all at once (checked on tables made and rolled back here)', async () => {
      await owner.query('BEGIN');
      try {
        await owner.query('CREATE TABLE bad_parent (tenant_id uuid NOT NULL REFERENCES tenants (id), id uuid PRIMARY KEY)');
        await owner.query(`CREATE TABLE bad_child (tenant_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid, code text,
          PRIMARY KEY (tenant_id, id), UNIQUE (code), FOREIGN KEY (parent_id) REFERENCES bad_parent (id))`);
        await owner.query('CREATE UNIQUE INDEX bad_child_code_lower ON bad_child (lower(code)) WHERE code IS NOT NULL');
        await owner.query('CREATE TABLE bad_lookup (code text PRIMARY KEY, tenant_id uuid, child_id uuid, FOREIGN KEY (tenant_id, child_id) REFERENCES bad_child (tenant_id, id))');
        await owner.query('ALTER TABLE bad_lookup DROP COLUMN tenant_id CASCADE');
        await owner.query('CREATE TABLE bad_shared (code text PRIMARY KEY, child_tenant uuid, child_id uuid, FOREIGN KEY (child_tenant, child_id) REFERENCES bad_child (tenant_id, id))');
        const now = await readSchemaCatalog(async (sql) => (await owner.query(sql)).rows);
        expect(now.tables.filter((t) => !t.hasTenantId && !SHARED_TABLES.includes(t.name)).map((t) => t.name)).toEqual(['bad_lookup', 'bad_shared']);
        const found = await keyViolations(owner, tenantTables(now));
        expect(found).toEqual(expect.arrayContaining([
          'bad_parent: primary key bad_parent_pkey leads with id',
          expect.stringMatching(/^bad_child: unique index bad_child_code_key leads with code/),
          expect.stringMatching(/^bad_child: unique index bad_child_code_lower leads with an expression/),
          'bad_child: constraint bad_child_code_key leads with code',
          'bad_child: foreign key bad_child_parent_id_fkey maps parent_id -> bad_parent.id, not tenant_id -> tenant_id first',
          'bad_shared: shared table has foreign key bad_shared_child_tenant_child_id_fkey to tenant table bad_child',
        ]));
      } finally {
        await owner.query('ROLLBACK');
      }
    });

    it('types tenant_id the same (uuid, NOT NULL) everywhere, as colocation requires', async () => {
      const odd = await rows(`SELECT c.relname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) AND a.attname = 'tenant_id'
          AND (a.atttypid <> 'uuid'::regtype OR NOT a.attnotnull)`, [tenant]);
      expect(odd).toEqual([]);
    });

    it('has RLS on every tenant table (a distributed table keeps its policies)', async () => {
      const open = await rows(`SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))`, [tenant]);
      expect(open).toEqual([]);
    });
  });

  describe('query paths', () => {
    const literals = () => [...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'migrations'))]
      .filter((f) => !f.endsWith('.spec.ts'))
      .flatMap((f) => sqlLiterals(f, ROOT));

    it('joins two tenant tables only on equal tenant_ids (src/ and the SQL of migrations, plpgsql bodies included)', () => {
      const all = literals();
      expect(all.filter((l) => /\bJOIN\b/i.test(l.text)).length).toBeGreaterThan(10);
      const violations = all.flatMap((l) => findTenantJoinViolations(l.text, tenant)
        .map((v) => `${l.file}:${l.line}: ${v.clause}  (no ${v.alias}.tenant_id = ${v.unmatched.join('/')}.tenant_id)`));
      expect(violations).toEqual([]);
    });

    it('lists the statements that rely on RLS alone for the tenant (multi-shard on Citus; see docs/citus.md)', () => {
      const unrouted = literals().filter((l) => l.file.startsWith('src')).flatMap((l) => {
        const u = findUnroutedStatements(l.text, tenant);
        return u ? [`${l.file}:${l.line} [${u.tables.join(', ')}]`] : [];
      });
      // Not a failure today (RLS keeps them correct); the count is printed so the docs can be kept honest.
      const byFile = new Map<string, number>();
      for (const u of unrouted) byFile.set(u.split(':')[0], (byFile.get(u.split(':')[0]) ?? 0) + 1);
      process.stdout.write(`statements without a tenant_id predicate: ${unrouted.length}\n${[...byFile].map(([f, n]) => `  ${f}: ${n}`).join('\n')}\n`);
      expect(unrouted.length).toBeGreaterThan(0);
    });
  });

  describe('distribution plan from the real catalog', () => {
    let plan: DistributionPlan;
    beforeAll(() => { plan = planDistribution(catalog); });

    it('distributes every tenant table exactly once, all colocated with the first', () => {
      expect([...plan.distributed].sort()).toEqual(tenant);
      expect(new Set(plan.distributed).size).toBe(plan.distributed.length);
      expect(plan.colocateWith).toBe(plan.distributed[0]);
      const sql = distributionSql(plan);
      expect(sql.filter((s) => s.includes('create_distributed_table'))).toHaveLength(tenant.length);
      expect(sql.filter((s) => s.includes("colocate_with => 'none'"))).toHaveLength(1);
    });

    it('makes the shared tables reference tables and keeps the migrations table local', () => {
      const local = ['migrations', 'rate_limit_buckets'];
      expect([...plan.reference].sort()).toEqual(SHARED_TABLES.filter((t) => !local.includes(t)).sort());
      expect(plan.local).toEqual(local);
      expect(plan.reference.some((t) => plan.distributed.includes(t))).toBe(false);
    });

    it('creates referenced tables before the tables that reference them', () => {
      const position = new Map([...plan.reference, ...plan.distributed].map((t, i) => [t, i]));
      const late = catalog.foreignKeys.filter((fk) => fk.from !== fk.to && position.has(fk.from) && position.has(fk.to) && position.get(fk.to)! > position.get(fk.from)!);
      expect(late).toEqual([]);
      expect(position.get('tenants')).toBeLessThan(position.get(plan.distributed[0])!);
    });
  });

  describe('the distribution migration', () => {
    it('is recorded and did nothing with the setting off', async () => {
      const ran = await rows("SELECT name FROM migrations WHERE name = 'CitusDistribution1765500000000'");
      expect(ran).toHaveLength(1);
      expect(await rows("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).toEqual([]);
      // The transition-table triggers are still there: only the Citus path rewrites them.
      expect((await rows(TRANSITION_TRIGGERS_SQL)).map((t) => `${t.table}.${t.trigger}`))
        .toEqual(['application_events.application_events_outbox', 'loan_events.loan_events_outbox', 'loans.loans_borrower_counts_inserted', 'loans.loans_exposure_inserted', 'outbox_events.outbox_events_notify']);
    });

    it('with the setting on but no citus extension, refuses rather than recording a no-op', async () => {
      const name = `microlend_t_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      await admin.end();
      const url = withDatabase(adminUrl(), name);
      try {
        await expect(runMigrations(url, { citusDistribute: true })).rejects.toThrow(/citus extension is not installed/);
        const c = new Client({ connectionString: url });
        await c.connect();
        const names = (await c.query('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
        await c.end();
        expect(names).not.toContain('CitusDistribution1765500000000');
        expect(names).toContain('UsageBilling1765200000000');
      } finally {
        await dropDatabase(url);
      }
    });

    it('rewrites the outbox and insert triggers row-level with the same effect (checked on plain PostgreSQL, rolled back)', async () => {
      await owner.query('BEGIN');
      try {
        for (const sql of CITUS_TRIGGER_REWRITE_SQL) await owner.query(sql);
        expect(await rows(TRANSITION_TRIGGERS_SQL)).toEqual([]);
        const t = randomUUID(); const b = randomUUID(); const p = randomUUID(); const a = randomUUID(); const l = randomUUID();
        await owner.query(`INSERT INTO tenants (id, slug, name, legal_name, country, jurisdiction, base_currency, timezone, locale, status, rounding_decimals, rounding_mode)
          VALUES ($1, $2, 'T', 'T Ltd', 'KE', 'KE', 'KES', 'Africa/Nairobi', 'en-KE', 'ACTIVE', 2, 'HALF_EVEN')`, [t, `citus-${randomBytes(4).toString('hex')}`]);
        await owner.query(`INSERT INTO borrowers (tenant_id, id, external_ref) VALUES ($1, $2, 'b-1')`, [t, b]);
        await owner.query(`INSERT INTO loan_products (tenant_id, id, code, name, segment, currency, revolving, status, current_version)
          VALUES ($1, $2, 'P1', 'P', 'CONSUMER', 'KES', false, 'ACTIVE', 1)`, [t, p]);
        await owner.query(`INSERT INTO loan_product_versions (tenant_id, product_id, version, terms, created_by_type) VALUES ($1, $2, 1, '{}', 'SYSTEM')`, [t, p]);
        await owner.query(`INSERT INTO applications (tenant_id, id, borrower_id, product_id, product_version, requested_amount, term_count, frequency, status,
          status_entered_at, source, created_by_type, agent_id) VALUES ($1, $2, $3, $4, 1, 1000, 6, 'MONTHLY', 'SUBMITTED', now(), 'STAFF', 'SYSTEM', 'agent-7')`, [t, a, b, p]);
        await owner.query(`INSERT INTO application_events (tenant_id, application_id, seq, from_status, to_status, at, actor_type)
          VALUES ($1, $2, 1, NULL, 'SUBMITTED', now(), 'SYSTEM'), ($1, $2, 2, 'SUBMITTED', 'APPROVED', now(), 'SYSTEM')`, [t, a]);
        await owner.query(`INSERT INTO loans (tenant_id, id, application_id, borrower_id, product_id, product_version, currency, principal, net_disbursed,
          annual_rate, apr, schedule, status, disbursed_at, disbursement_ref) VALUES ($1, $2, $3, $4, $5, 1, 'KES', 1000, 1000, 0.2, 0.2, '[]', 'ACTIVE', now(), 'd-1')`,
        [t, l, a, b, p]);
        // The borrower's loan counts, kept row by row.
        expect(await rows('SELECT live_loans FROM borrowers WHERE id = $1', [b])).toEqual([{ live_loans: 1 }]);
        const eventId = randomUUID();
        await owner.query(`INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data) VALUES ($1, $2, $3, 'DISBURSED', '2026-01-02', '{"x": 1}')`, [t, eventId, l]);
        const out = await rows(`SELECT id, type, subject_type, subject_id, borrower_id, agent_id, data FROM outbox_events WHERE tenant_id = $1 ORDER BY seq`, [t]);
        expect(out.map((e) => [e.type, e.subject_type, e.subject_id, e.borrower_id, e.agent_id])).toEqual([
          ['application.submitted', 'Application', a, b, 'agent-7'],
          ['application.approved', 'Application', a, b, 'agent-7'],
          ['loan.disbursed', 'Loan', l, b, null],
        ]);
        expect(out[2].id).toBe(eventId);
        expect(out[2].data).toEqual({ x: 1, loanId: l, businessDate: '2026-01-02' });
        expect(out[1].data).toMatchObject({ applicationId: a, from: 'SUBMITTED', to: 'APPROVED', actorType: 'SYSTEM' });
      } finally {
        await owner.query('ROLLBACK');
      }
    });
  });
});

async function dropDatabase(url: string | undefined): Promise<void> {
  if (!url) return;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(new URL(url).pathname.slice(1))} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Keys of tenant tables that do not lead with tenant_id, and shared tables pointing at tenant tables: all of them, as lines. */
async function keyViolations(owner: Client, tenant: string[]): Promise<string[]> {
  const rows = async (sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows;
  const violations: string[] = [];
  const pks = await rows(`
    SELECT c.relname AS tbl, k.conname, a.attname AS first
    FROM pg_class c
    LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`, [tenant]);
  for (const pk of pks) {
    if (!pk.conname) violations.push(`${pk.tbl}: no primary key`);
    else if (pk.first !== 'tenant_id') violations.push(`${pk.tbl}: primary key ${pk.conname} leads with ${pk.first}`);
  }
  // Every unique index, whether it backs a PRIMARY KEY / UNIQUE constraint or stands alone
  // (partial and expression indexes too: indkey[0] = 0 is an expression).
  const uniques = await rows(`
    SELECT c.relname AS tbl, i.relname AS idx, x.indkey[0] AS first_attnum, a.attname AS first, pg_get_indexdef(x.indexrelid) AS def
    FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
    WHERE x.indisunique AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`, [tenant]);
  for (const u of uniques) if (u.first !== 'tenant_id') violations.push(`${u.tbl}: unique index ${u.idx} leads with ${u.first ?? 'an expression'} (${u.def})`);
  const uniqueConstraints = await rows(`
    SELECT c.relname AS tbl, k.conname, a.attname AS first
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
    WHERE k.contype IN ('u', 'x') AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`, [tenant]);
  for (const u of uniqueConstraints) if (u.first !== 'tenant_id') violations.push(`${u.tbl}: constraint ${u.conname} leads with ${u.first}`);
  // Foreign keys between tenant tables: tenant_id first, mapped to the referenced tenant_id.
  // To tenants(id) or to a shared table: fine (reference tables are on every node).
  const fks = await rows(`
    SELECT f.relname AS "from", r.relname AS "to", k.conname,
           fa.attname AS from_first, ra.attname AS to_first
    FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_attribute fa ON fa.attrelid = f.oid AND fa.attnum = k.conkey[1]
    JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attnum = k.confkey[1]
    WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`);
  for (const fk of fks) {
    const fromTenant = tenant.includes(fk.from);
    const toTenant = tenant.includes(fk.to);
    if (fromTenant && toTenant && (fk.from_first !== 'tenant_id' || fk.to_first !== 'tenant_id')) {
      violations.push(`${fk.from}: foreign key ${fk.conname} maps ${fk.from_first} -> ${fk.to}.${fk.to_first}, not tenant_id -> tenant_id first`);
    }
    // Citus cannot have a reference (or local) table point at a distributed one.
    if (!fromTenant && toTenant) violations.push(`${fk.from}: shared table has foreign key ${fk.conname} to tenant table ${fk.to}`);
  }
  return violations;
}
