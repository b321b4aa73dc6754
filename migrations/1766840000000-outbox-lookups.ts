import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox triggers find each event's loan or application by its primary key, whatever the
 * statistics say. Joined, the planner could take the tenant's policy as the index condition and the
 * id as a filter (a fresh tenant's table looks one row long), so each event scanned every loan or
 * application of its tenant, and PL/pgSQL kept that plan for the connection's life: a decision's five
 * status events grew with the tenant's applications (0.6 ms each at 600). A lateral lookup that
 * cannot be flattened (OFFSET 0) is one index probe per event.
 */
export class OutboxLookups1766840000000 implements MigrationInterface {
  name = 'OutboxLookups1766840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION outbox_from_loan_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, n.id, 'loan.' || lower(n.kind), 'Loan', n.loan_id::text, l.borrower_id, l.agent_id,
                n.data || jsonb_build_object('loanId', n.loan_id, 'businessDate', n.business_date), n.created_at
         FROM new_rows n
         CROSS JOIN LATERAL (SELECT x.borrower_id, x.agent_id FROM loans x WHERE x.tenant_id = n.tenant_id AND x.id = n.loan_id OFFSET 0) l
         ORDER BY n.created_at, n.id;
         RETURN NULL;
       END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION outbox_from_application_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, gen_random_uuid(), 'application.' || lower(n.to_status), 'Application', n.application_id::text, a.borrower_id,
                a.agent_id,
                jsonb_build_object('applicationId', n.application_id, 'from', n.from_status, 'to', n.to_status, 'actorType', n.actor_type, 'note', n.note),
                n.at
         FROM new_rows n
         CROSS JOIN LATERAL (SELECT x.borrower_id, x.agent_id FROM applications x WHERE x.tenant_id = n.tenant_id AND x.id = n.application_id OFFSET 0) a
         ORDER BY n.at, n.seq;
         RETURN NULL;
       END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION outbox_from_loan_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, n.id, 'loan.' || lower(n.kind), 'Loan', n.loan_id::text, l.borrower_id, l.agent_id,
                n.data || jsonb_build_object('loanId', n.loan_id, 'businessDate', n.business_date), n.created_at
         FROM new_rows n JOIN loans l ON l.tenant_id = n.tenant_id AND l.id = n.loan_id
         ORDER BY n.created_at, n.id;
         RETURN NULL;
       END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION outbox_from_application_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data, occurred_at)
         SELECT n.tenant_id, gen_random_uuid(), 'application.' || lower(n.to_status), 'Application', n.application_id::text, a.borrower_id,
                a.agent_id,
                jsonb_build_object('applicationId', n.application_id, 'from', n.from_status, 'to', n.to_status, 'actorType', n.actor_type, 'note', n.note),
                n.at
         FROM new_rows n JOIN applications a ON a.tenant_id = n.tenant_id AND a.id = n.application_id
         ORDER BY n.at, n.seq;
         RETURN NULL;
       END $$`);
  }
}
