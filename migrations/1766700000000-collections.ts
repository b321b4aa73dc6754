import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Collections (docs/collections.md): each lender's policies by delinquency stage (versioned: a case
 * keeps the version it was opened under) and conduct rules; the cases close of business opens,
 * moves and closes; their contact log (which the conduct caps count), promises to pay, the conduct
 * refusals; complaints with response deadlines. A borrower gets the time zone and language the
 * conduct rules and messages are read in.
 */
export class Collections1766700000000 implements MigrationInterface {
  name = 'Collections1766700000000';

  async up(q: QueryRunner): Promise<void> {
    const tables = ['collection_policies', 'collection_conduct', 'collection_cases', 'collection_actions', 'collection_contacts', 'collection_promises', 'collection_refusals', 'complaints'];
    const statements = [
      `ALTER TABLE borrowers ADD COLUMN timezone text, ADD COLUMN locale text`,
      `CREATE TABLE collection_policies (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         code text NOT NULL,
         version integer NOT NULL CHECK (version > 0),
         is_current boolean NOT NULL,
         definition jsonb NOT NULL,
         source text NOT NULL DEFAULT 'api',
         created_by_type text, created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, code, version)
       )`,
      `CREATE UNIQUE INDEX collection_policies_current ON collection_policies (tenant_id, code) WHERE is_current`,
      `CREATE TABLE collection_conduct (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         rules jsonb NOT NULL,
         version integer NOT NULL CHECK (version > 0),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id)
       )`,
      `CREATE TABLE collection_cases (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         loan_id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         policy_id uuid NOT NULL,
         stage_index smallint NOT NULL,
         stage_name text NOT NULL,
         team text NOT NULL,
         status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
         close_reason text CHECK (close_reason IN ('CURED', 'SETTLED', 'PAID_OFF', 'WRITTEN_OFF', 'RESTRUCTURED')),
         dpd integer NOT NULL,
         amount_overdue numeric(20, 6) NOT NULL,
         broken_promises integer NOT NULL DEFAULT 0,
         assignee_id text,
         opened_on date NOT NULL,
         stage_entered_on date NOT NULL,
         first_contact_due_at timestamptz,
         paused_until timestamptz,
         closed_on date,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
         FOREIGN KEY (tenant_id, policy_id) REFERENCES collection_policies (tenant_id, id),
         CHECK ((status = 'CLOSED') = (close_reason IS NOT NULL))
       )`,
      `CREATE UNIQUE INDEX collection_cases_open_loan ON collection_cases (tenant_id, loan_id) WHERE status = 'OPEN'`,
      `CREATE INDEX collection_cases_queue ON collection_cases (tenant_id, status, assignee_id, stage_index)`,
      `CREATE TABLE collection_actions (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         case_id uuid NOT NULL,
         stage_index smallint NOT NULL,
         action_index smallint NOT NULL,
         channel text NOT NULL,
         business_date date NOT NULL,
         due_at timestamptz NOT NULL,
         status text NOT NULL CHECK (status IN ('PENDING', 'DONE', 'REFUSED', 'CANCELLED')),
         refused_rule text,
         contact_id uuid,
         done_at timestamptz,
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, case_id, stage_index, action_index, business_date),
         FOREIGN KEY (tenant_id, case_id) REFERENCES collection_cases (tenant_id, id)
       )`,
      `CREATE INDEX collection_actions_due ON collection_actions (tenant_id, due_at) WHERE status = 'PENDING'`,
      `CREATE TABLE collection_contacts (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         case_id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         channel text NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'PUSH', 'CALL', 'FIELD_VISIT', 'LETTER', 'AGENCY_PLACEMENT')),
         direction text NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
         party text NOT NULL CHECK (party IN ('BORROWER', 'GUARANTOR', 'REFERENCE', 'OTHER')),
         outcome text CHECK (outcome IN ('PROMISE', 'REFUSED', 'NO_ANSWER', 'WRONG_NUMBER', 'DISPUTE', 'HARDSHIP', 'PAID', 'SENT')),
         note text,
         message text,
         automatic boolean NOT NULL DEFAULT false,
         actor_type text, actor_id text,
         at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, case_id) REFERENCES collection_cases (tenant_id, id)
       )`,
      `CREATE INDEX collection_contacts_borrower ON collection_contacts (tenant_id, borrower_id, at)`,
      `CREATE INDEX collection_contacts_case ON collection_contacts (tenant_id, case_id, at)`,
      `CREATE TABLE collection_promises (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         case_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         amount numeric(20, 6) NOT NULL CHECK (amount > 0),
         promised_on date NOT NULL,
         due_date date NOT NULL CHECK (due_date >= promised_on),
         status text NOT NULL CHECK (status IN ('OPEN', 'KEPT', 'BROKEN')),
         paid numeric(20, 6),
         resolved_on date,
         created_by_type text, created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, case_id) REFERENCES collection_cases (tenant_id, id)
       )`,
      `CREATE INDEX collection_promises_open ON collection_promises (tenant_id, due_date) WHERE status = 'OPEN'`,
      `CREATE TABLE collection_refusals (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         case_id uuid NOT NULL,
         rule text NOT NULL,
         channel text NOT NULL,
         automatic boolean NOT NULL,
         allowed_at timestamptz,
         actor_type text, actor_id text,
         at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE TABLE complaints (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         loan_id uuid,
         channel text NOT NULL,
         category text NOT NULL,
         text text NOT NULL,
         status text NOT NULL CHECK (status IN ('OPEN', 'RESPONDED')),
         due_at timestamptz NOT NULL,
         response text,
         responded_at timestamptz,
         responded_by_type text, responded_by_id text,
         filed_by_type text, filed_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE INDEX complaints_open ON complaints (tenant_id, status, due_at)`,
      `CREATE INDEX complaints_borrower ON complaints (tenant_id, borrower_id, created_at)`,
      ...tables.flatMap((t) => tenantTableSql(t, t === 'collection_refusals' ? { appendOnly: true } : { noDelete: true })),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, tables);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['complaints', 'collection_refusals', 'collection_promises', 'collection_contacts', 'collection_actions', 'collection_cases', 'collection_conduct', 'collection_policies']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query('ALTER TABLE borrowers DROP COLUMN IF EXISTS timezone, DROP COLUMN IF EXISTS locale');
  }
}
