/**
 * Distributing the schema by tenant on Citus: which tables become reference tables (replicated to
 * every node), which become distributed tables sharded on `tenant_id` (all in one colocation group,
 * so a tenant's rows of every table sit on the same shard and joins on tenant_id stay local), and in
 * what order (a table's referenced tables first, as Citus requires for foreign keys).
 */

/** The custom setting the distribution migration reads; `runMigrations` sets it from config. */
export const CITUS_DISTRIBUTE_GUC = 'microlend.citus_distribute';

/** Tables in `public` that have no tenant_id and stay local to the coordinator (never joined with tenant data). */
export const LOCAL_ONLY_TABLES = ['migrations', 'rate_limit_buckets'];

export interface SchemaCatalog {
  /** Ordinary and partitioned tables in `public`, with whether they have a tenant_id column. */
  tables: { name: string; hasTenantId: boolean }[];
  /** Foreign keys between tables of `public` (from the referencing to the referenced table). */
  foreignKeys: { from: string; to: string }[];
}

export interface DistributionPlan {
  /** Shared tables, replicated to every node, in foreign-key order. */
  reference: string[];
  /** Tenant tables sharded on tenant_id, referenced tables first. */
  distributed: string[];
  /** The table every distributed table is colocated with (the first one). */
  colocateWith: string | null;
  /** Shared tables left local to the coordinator. */
  local: string[];
}

/** The tenant-owned tables: a tenant_id column, except `tenants` itself (whose key is `id`). */
export function tenantTables(catalog: SchemaCatalog): string[] {
  return catalog.tables.filter((t) => t.hasTenantId && t.name !== 'tenants').map((t) => t.name).sort();
}

/**
 * Orders tables so every table comes after the tables it references (self-references ignored),
 * alphabetically among equals so the plan is stable. Throws on a cycle: Citus cannot create it either.
 */
export function foreignKeyOrder(tables: string[], foreignKeys: SchemaCatalog['foreignKeys']): string[] {
  const set = new Set(tables);
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of foreignKeys) if (set.has(fk.from) && set.has(fk.to) && fk.from !== fk.to) deps.get(fk.from)!.add(fk.to);
  const done: string[] = [];
  const placed = new Set<string>();
  while (done.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...deps.get(t)!].every((d) => placed.has(d))).sort();
    if (!ready.length) throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(', ')}`);
    done.push(ready[0]);
    placed.add(ready[0]);
  }
  return done;
}

/** The plan for a schema: shared tables become reference tables, tenant tables distributed and colocated. */
export function planDistribution(catalog: SchemaCatalog): DistributionPlan {
  const tenant = tenantTables(catalog);
  const shared = catalog.tables.filter((t) => !tenant.includes(t.name)).map((t) => t.name);
  const local = shared.filter((t) => LOCAL_ONLY_TABLES.includes(t)).sort();
  const reference = foreignKeyOrder(shared.filter((t) => !local.includes(t)), catalog.foreignKeys);
  const distributed = foreignKeyOrder(tenant, catalog.foreignKeys);
  return { reference, distributed, colocateWith: distributed[0] ?? null, local };
}

/** The statements that carry out a plan (run as the owner on the coordinator, with citus installed). */
export function distributionSql(plan: DistributionPlan): string[] {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    // Several DDL commands on distributed tables in one transaction: Citus needs them sequential.
    `SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`,
    ...plan.reference.map((t) => `SELECT create_reference_table(${lit(t)})`),
    ...plan.distributed.map((t, i) => (i === 0
      ? `SELECT create_distributed_table(${lit(t)}, 'tenant_id', colocate_with => 'none')`
      : `SELECT create_distributed_table(${lit(t)}, 'tenant_id', colocate_with => ${lit(plan.colocateWith!)})`)),
  ];
}

/** SQL that reads the catalog the plan is computed from (public schema only: BullMQ's own schema is not ours). */
export const CATALOG_TABLES_SQL = `
  SELECT c.relname AS name,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS "hasTenantId"
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  ORDER BY c.relname`;
export const CATALOG_FOREIGN_KEYS_SQL = `
  SELECT f.relname AS "from", r.relname AS "to"
  FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
  WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND r.relnamespace = 'public'::regnamespace`;

/** Reads the catalog through any query function (a pg Client, a TypeORM QueryRunner). */
export async function readSchemaCatalog(query: (sql: string) => Promise<any[]>): Promise<SchemaCatalog> {
  const tables = (await query(CATALOG_TABLES_SQL)).map((r) => ({ name: String(r.name), hasTenantId: Boolean(r.hasTenantId) }));
  const foreignKeys = (await query(CATALOG_FOREIGN_KEYS_SQL)).map((r) => ({ from: String(r.from), to: String(r.to) }));
  return { tables, foreignKeys };
}

/** The exposure cells' insert trigger on Citus: row by row (see migrations/1766850000000-exposure-cells.ts). */
export const EXPOSURE_INSERT_ROW_TRIGGER_SQL =
  `CREATE TRIGGER loans_exposure_inserted AFTER INSERT ON loans FOR EACH ROW WHEN (NEW.status = 'ACTIVE') EXECUTE FUNCTION loans_exposure_inserted_row()`;

/** The borrowers' loan counts' insert trigger on Citus: row by row (see migrations/1766920000000-borrower-loan-counts.ts). */
export const BORROWER_COUNTS_INSERT_ROW_TRIGGER_SQL =
  `CREATE TRIGGER loans_borrower_counts_inserted AFTER INSERT ON loans FOR EACH ROW EXECUTE FUNCTION loans_borrower_counts_inserted_row()`;

/**
 * Statement-level triggers with transition tables (`REFERENCING NEW TABLE`) are not supported on
 * distributed tables. The outbox triggers of loan_events and application_events become row-level
 * triggers with the same effect (the loan / application row they read is colocated, on the same
 * shard). The outbox NOTIFY trigger is dropped: a NOTIFY raised on a worker never reaches the API's
 * LISTEN on the coordinator, so on Citus the dispatcher finds new events by its periodic sweep.
 */
export const CITUS_TRIGGER_REWRITE_SQL = [
  `CREATE OR REPLACE FUNCTION outbox_from_loan_event_row() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
     SELECT NEW.tenant_id, NEW.id, 'loan.' || lower(NEW.kind), 'Loan', NEW.loan_id::text, l.borrower_id, l.agent_id,
            NEW.data || jsonb_build_object('loanId', NEW.loan_id, 'businessDate', NEW.business_date), NEW.created_at
     FROM loans l WHERE l.tenant_id = NEW.tenant_id AND l.id = NEW.loan_id;
     RETURN NULL;
   END $$`,
  `DROP TRIGGER IF EXISTS loan_events_outbox ON loan_events`,
  `CREATE TRIGGER loan_events_outbox AFTER INSERT ON loan_events FOR EACH ROW EXECUTE FUNCTION outbox_from_loan_event_row()`,
  `CREATE OR REPLACE FUNCTION outbox_from_application_event_row() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
     SELECT NEW.tenant_id, gen_random_uuid(), 'application.' || lower(NEW.to_status), 'Application', NEW.application_id::text, a.borrower_id,
            a.agent_id,
            jsonb_build_object('applicationId', NEW.application_id, 'from', NEW.from_status, 'to', NEW.to_status, 'actorType', NEW.actor_type, 'note', NEW.note),
            NEW.at
     FROM applications a WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.application_id;
     RETURN NULL;
   END $$`,
  `DROP TRIGGER IF EXISTS application_events_outbox ON application_events`,
  `CREATE TRIGGER application_events_outbox AFTER INSERT ON application_events FOR EACH ROW EXECUTE FUNCTION outbox_from_application_event_row()`,
  `DROP TRIGGER IF EXISTS outbox_events_notify ON outbox_events`,
  // The exposure cells' and the borrowers' loan counts' insert triggers, where they exist already (on
  // a fresh Citus database their migrations, which run after this one, make the row-level ones themselves).
  `DO $$ BEGIN
     IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'loans_exposure_inserted' AND tgrelid = 'loans'::regclass) THEN
       DROP TRIGGER loans_exposure_inserted ON loans;
       ${EXPOSURE_INSERT_ROW_TRIGGER_SQL};
     END IF;
     IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'loans_borrower_counts_inserted' AND tgrelid = 'loans'::regclass) THEN
       DROP TRIGGER loans_borrower_counts_inserted ON loans;
       ${BORROWER_COUNTS_INSERT_ROW_TRIGGER_SQL};
     END IF;
   END $$`,
];

/** Statement-level triggers with transition tables on the given tables (what Citus refuses to distribute). */
export const TRANSITION_TRIGGERS_SQL = `
  SELECT c.relname AS "table", t.tgname AS "trigger"
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
    AND (t.tgnewtable IS NOT NULL OR t.tgoldtable IS NOT NULL)
  ORDER BY 1, 2`;

/**
 * On a database already distributed by tenant (Citus), a migration's new tenant tables join the
 * loans' colocation group, so a tenant's rows stay on one node (docs/citus.md: a migration after the
 * distribution migration distributes its own tables). Elsewhere it does nothing.
 */
export async function colocateWithLoans(q: { query(sql: string): Promise<unknown> }, tables: readonly string[]): Promise<void> {
  if (!(await loansDistributed(q))) return;
  for (const t of tables) await q.query(`SELECT create_distributed_table('${t}', 'tenant_id', colocate_with => 'loans')`);
}

/** Whether this database is distributed by tenant (Citus, with `loans` distributed). */
export async function loansDistributed(q: { query(sql: string): Promise<unknown> }): Promise<boolean> {
  const [{ citus }] = (await q.query(`SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL AS citus`)) as { citus: boolean }[];
  return citus && ((await q.query(`SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'loans'::regclass`)) as unknown[]).length > 0;
}
