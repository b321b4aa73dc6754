import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Events out: every domain change lands in `outbox_events` in the transaction that made it (loan
 * and application events through statement-level triggers, so the nightly run's set-based inserts
 * are covered too), a NOTIFY per committing tenant wakes the dispatcher and the subscription
 * stream, and webhook endpoints with their deliveries record what was sent where.
 */
export class OutboxAndWebhooks1765000000000 implements MigrationInterface {
  name = 'OutboxAndWebhooks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE outbox_events (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         seq bigint GENERATED ALWAYS AS IDENTITY,
         type text NOT NULL CHECK (type ~ '^[a-z_]+(\\.[a-z_]+)+$'),
         subject_type text NOT NULL,
         subject_id text NOT NULL,
         borrower_id uuid,
         agent_id text,
         data jsonb NOT NULL DEFAULT '{}'::jsonb,
         occurred_at timestamptz NOT NULL DEFAULT now(),
         dispatched_at timestamptz,
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE INDEX outbox_events_seq ON outbox_events (tenant_id, seq)`,
      `CREATE INDEX outbox_events_subject ON outbox_events (tenant_id, subject_id, seq)`,
      `CREATE INDEX outbox_events_undispatched ON outbox_events (tenant_id, seq) WHERE dispatched_at IS NULL`,
      ...tenantTableSql('outbox_events', { noDelete: true }),

      // One NOTIFY per tenant per statement; identical payloads fold into one per transaction.
      `CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('microlend_events', t.tenant_id::text) FROM (SELECT DISTINCT tenant_id FROM new_rows) t;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,

      `CREATE FUNCTION outbox_from_loan_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, n.id, 'loan.' || lower(n.kind), 'Loan', n.loan_id::text, l.borrower_id, l.agent_id,
                n.data || jsonb_build_object('loanId', n.loan_id, 'businessDate', n.business_date), n.created_at
         FROM new_rows n JOIN loans l ON l.tenant_id = n.tenant_id AND l.id = n.loan_id
         ORDER BY n.created_at, n.id;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER loan_events_outbox AFTER INSERT ON loan_events REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION outbox_from_loan_events()`,

      `CREATE FUNCTION outbox_from_application_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, gen_random_uuid(), 'application.' || lower(n.to_status), 'Application', n.application_id::text, a.borrower_id,
                a.agent_id,
                jsonb_build_object('applicationId', n.application_id, 'from', n.from_status, 'to', n.to_status, 'actorType', n.actor_type, 'note', n.note),
                n.at
         FROM new_rows n JOIN applications a ON a.tenant_id = n.tenant_id AND a.id = n.application_id
         ORDER BY n.at, n.seq;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER application_events_outbox AFTER INSERT ON application_events REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION outbox_from_application_events()`,

      `CREATE TABLE webhook_endpoints (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         url text NOT NULL,
         description text,
         event_types text[] NOT NULL DEFAULT '{}',
         secret_enc text NOT NULL,
         status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
         disabled_reason text,
         disabled_at timestamptz,
         consecutive_failures integer NOT NULL DEFAULT 0,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      ...tenantTableSql('webhook_endpoints'),

      `CREATE TABLE webhook_deliveries (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         endpoint_id uuid NOT NULL,
         event_id uuid NOT NULL,
         event_seq bigint NOT NULL,
         ordering_key text NOT NULL,
         replay_of uuid,
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
         attempts integer NOT NULL DEFAULT 0,
         next_attempt_at timestamptz NOT NULL DEFAULT now(),
         last_attempt_at timestamptz,
         last_status_code integer,
         last_response text,
         last_error text,
         delivered_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, event_id) REFERENCES outbox_events (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (tenant_id, endpoint_id, event_id) WHERE replay_of IS NULL`,
      `CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (tenant_id, endpoint_id, ordering_key, event_seq) WHERE status = 'PENDING'`,
      `CREATE INDEX webhook_deliveries_list ON webhook_deliveries (tenant_id, created_at DESC)`,
      ...tenantTableSql('webhook_deliveries'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS application_events_outbox ON application_events');
    await q.query('DROP TRIGGER IF EXISTS loan_events_outbox ON loan_events');
    for (const t of ['webhook_deliveries', 'webhook_endpoints', 'outbox_events']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    for (const f of ['outbox_from_application_events', 'outbox_from_loan_events', 'outbox_notify']) await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
  }
}
