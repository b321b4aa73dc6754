import { findTenantJoinViolations, findUnroutedStatements, tokenizeSql } from './tenant-joins';

const TENANT = ['loans', 'borrowers', 'loan_events', 'journal_entries', 'journal_lines', 'applications', 'outbox_events', 'api_keys'];
const bad = (sql: string) => findTenantJoinViolations(sql, TENANT);

describe('tenant joins', () => {
  it.each([
    ['equated both ways', 'SELECT * FROM loans l JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id'],
    ['reversed', 'SELECT * FROM loans l JOIN borrowers b ON l.tenant_id = b.tenant_id AND b.id = l.borrower_id WHERE l.id = $1'],
    ['LEFT JOIN chain', `SELECT * FROM journal_entries e
       LEFT JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id AND l.account_code = 'CASH'
       LEFT JOIN loans x ON x.tenant_id = e.tenant_id AND x.id = e.loan_id`],
    ['USING tenant_id', 'SELECT * FROM loans l JOIN borrowers b USING (tenant_id, id)'],
    ['join to tenants (shared)', 'SELECT t.id FROM tenants t JOIN api_keys k ON k.tenant_id = t.id WHERE k.prefix = $1'],
    ['join to a shared table', 'SELECT * FROM loans l JOIN reference_rates r ON r.name = l.currency'],
    ['shared table joins a tenant table on tenant-free columns', 'SELECT * FROM reference_rates r JOIN loans l ON r.name = l.currency'],
    ['lateral over jsonb', "SELECT * FROM loans l JOIN LATERAL jsonb_array_elements(l.schedule) s(x) ON true"],
    ['unnest', 'SELECT * FROM loans l JOIN unnest($1::uuid[]) u(id) ON u.id = l.id'],
    ['transition table in a trigger body', `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO outbox_events (tenant_id) SELECT n.tenant_id FROM new_rows n JOIN loans l ON l.tenant_id = n.tenant_id AND l.id = n.loan_id; RETURN NULL; END $$`],
    ['CTE joined on id only', 'WITH c AS (SELECT 1 AS id) SELECT * FROM c JOIN loans l ON l.id = c.id'],
    ['sub-select', 'SELECT * FROM loans l JOIN (SELECT loan_id FROM loan_events) e ON e.loan_id = l.id'],
    ['JOIN inside a string or comment', "SELECT 'FROM loans l JOIN borrowers b ON b.id = l.id' -- JOIN borrowers b ON b.id = l.id\n FROM loans"],
    ['a parenthesised join group tied on tenant_id', `SELECT * FROM loans a
       LEFT JOIN (journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id) ON l.tenant_id = a.tenant_id AND e.loan_id = a.id`],
    ['quoted and schema-qualified', 'SELECT * FROM public.loans AS l INNER JOIN public."borrowers" AS b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id'],
  ])('accepts: %s', (_name, sql) => {
    expect(bad(sql)).toEqual([]);
  });

  it.each([
    ['no tenant_id at all', 'SELECT * FROM loans l JOIN borrowers b ON b.id = l.borrower_id', ['l']],
    ['tenant_id compared to a parameter only', 'SELECT * FROM loans l JOIN borrowers b ON b.tenant_id = $1 AND b.id = l.borrower_id', ['l']],
    ['tenant_id equated to the wrong alias', `SELECT * FROM loans l JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
       JOIN applications a ON a.tenant_id = b.tenant_id AND a.id = l.application_id`, ['l']],
    ['unaliased tables', 'SELECT * FROM loans JOIN borrowers ON borrowers.id = loans.borrower_id', ['loans']],
    ['USING without tenant_id', 'SELECT * FROM loans l JOIN borrowers b USING (id)', ['(using)']],
    ['cross join', 'SELECT * FROM loans l CROSS JOIN borrowers b', ['l']],
    ['in a trigger body', `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN PERFORM 1 FROM loan_events e JOIN loans l ON l.id = e.loan_id WHERE e.id = NEW.id; RETURN NEW; END $fn$`, ['e']],
    ['a join group tied on ids only', `SELECT * FROM loans a
       LEFT JOIN (journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id) ON e.loan_id = a.id`, ['a']],
    ['inside a join group', `SELECT * FROM loans a
       LEFT JOIN (journal_lines l JOIN journal_entries e ON e.id = l.entry_id) ON l.tenant_id = a.tenant_id AND e.loan_id = a.id`, ['l']],
    ['in a sub-select', 'SELECT (SELECT sum(x.debit) FROM journal_lines x JOIN journal_entries je ON je.id = x.entry_id) FROM loans l', ['x']],
  ])('reports: %s', (_name, sql, unmatched) => {
    const found = bad(sql);
    expect(found).toHaveLength(1);
    expect(found[0].unmatched).toEqual(unmatched);
  });

  it('reports each bad join of a statement with the clause as written', () => {
    const found = bad(`SELECT * FROM loans l
      JOIN borrowers b ON b.id = l.borrower_id
      LEFT JOIN applications a ON a.id = l.application_id`);
    expect(found.map((f) => [f.table, f.clause])).toEqual([
      ['borrowers', 'JOIN borrowers b ON b.id = l.borrower_id'],
      ['applications', 'LEFT JOIN applications a ON a.id = l.application_id'],
    ]);
  });

  it('tokenizes dollar quotes away but keeps parameters', () => {
    expect(tokenizeSql("AS $$ SELECT $1, 'it''s' $$").map((t) => t.text)).toEqual(['AS', 'SELECT', '$1', ',']);
  });
});

describe('statements Citus cannot route to one shard', () => {
  it.each([
    ['a tenant_id parameter', 'SELECT * FROM loans WHERE tenant_id = $1 AND id = $2'],
    ['an insert of values', 'INSERT INTO loans (tenant_id, id) VALUES ($1, $2)'],
    ['shared tables only', 'SELECT * FROM reference_rates WHERE name = $1'],
    ['not a statement', 'loan.disbursed'],
  ])('routes: %s', (_name, sql) => {
    expect(findUnroutedStatements(sql, TENANT)).toBeNull();
  });

  it.each([
    ['RLS only', 'SELECT * FROM loans WHERE id = $1', ['loans']],
    ['an update by id', 'UPDATE loans SET status = $2 WHERE id = $1', ['loans']],
    ['insert ... select', 'INSERT INTO outbox_events (tenant_id) SELECT tenant_id FROM loan_events', ['outbox_events', 'loan_events']],
  ])('reports: %s', (_name, sql, tables) => {
    expect(findUnroutedStatements(sql, TENANT)?.tables).toEqual(tables);
  });
});
