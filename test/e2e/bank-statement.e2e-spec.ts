import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const PREVIEW = `query($csv: String!) { previewBankStatement(csv: $csv) {
  sha256 rows { line date amount reference payer loanId status reason message fingerprint }
  totals { rows matched unmatched invalid duplicate alreadyImported matchedAmount } } }`;
const IMPORT = `mutation($i: ImportBankStatementInput!) { importBankStatement(input: $i) {
  sha256 posted alreadyImported skipped failed postedAmount rows { line status outcome loanId amount transactionId errorCode message } } }`;

describe('bank statement import', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let servicer: string;
  let loanA: string;
  let loanB: string;
  let loanC: string;
  let refB: string;
  let customerRef: string;
  const today = () => new Date().toISOString().slice(0, 10);
  const d = (days: number) => addDays(today(), days);
  const repayments = (loanId: string) =>
    app.ownerQuery("SELECT effective_date::text AS date, amount::text, method, reference, status FROM loan_transactions WHERE loan_id = $1 AND kind = 'REPAYMENT' ORDER BY seq", [loanId]);

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    // Business dates in UTC, so the spec's "today" is the tenant's.
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    servicer = await app.apiKey(lender.slug, 'SERVICER');
    customerRef = `CUST-${process.pid}-A`;
    loanA = (await disbursedLoan(app, lender, { borrower: { externalRef: customerRef } })).loanId;
    loanB = (await disbursedLoan(app, lender)).loanId;
    loanC = (await disbursedLoan(app, lender)).loanId;
    for (const id of [loanA, loanB, loanC]) await ageLoan(app, id, 40);
    await app.ownerQuery("UPDATE loans SET status = 'CLOSED', closed_at = now() WHERE id = $1", [loanC]);
    [{ ref: refB }] = await app.ownerQuery('SELECT disbursement_ref AS ref FROM loans WHERE id = $1', [loanB]);
  });
  afterAll(() => app.close());

  const statement = () => [
    'Date,Amount,Reference,Payer,Description',
    `${d(-5)},1000.00,Loan ${loanA},Amina,`,
    `${d(-4)},"1,500.00",${refB} thanks,"Otieno, J.",`,
    `${d(-3)},250,${customerRef},Amina,`,
    `${d(-3)},100,unknown payer,,`,
    `${d(-2)},abc,${loanA},,`,
    `${d(-5)},1000.00,Loan ${loanA},Amina,`,
    `${d(1)},75,${loanA},,`,
    `${d(-2)},50,${loanC},,`,
  ].join('\r\n');

  it('previews every row with its match, status and line, and writes nothing', async () => {
    const res = await app.gql(PREVIEW, { csv: statement() }, servicer);
    expect(res.errors).toBeUndefined();
    const p = res.data!.previewBankStatement;
    expect(p.rows.map((r: Record<string, unknown>) => [r.line, r.status, r.reason, r.loanId])).toEqual([
      [2, 'MATCHED', 'MATCHED_LOAN_ID', loanA],
      [3, 'MATCHED', 'MATCHED_DISBURSEMENT_REF', loanB],
      [4, 'MATCHED', 'MATCHED_BORROWER_REF', loanA],
      [5, 'UNMATCHED', 'NO_MATCH', null],
      [6, 'INVALID', 'BAD_ROW', null],
      [7, 'DUPLICATE', 'DUPLICATE_IN_FILE', null],
      [8, 'INVALID', 'FUTURE_DATE', null],
      [9, 'UNMATCHED', 'LOAN_NOT_ACTIVE', loanC],
    ]);
    expect(p.rows[1]).toMatchObject({ date: d(-4), amount: '1500', payer: 'Otieno, J.' });
    expect(p.rows[4].message).toContain('"abc" is not an amount');
    expect(p.totals).toEqual({ rows: 8, matched: 3, unmatched: 2, invalid: 2, duplicate: 1, alreadyImported: 0, matchedAmount: '2750.00' });
    expect(await repayments(loanA)).toEqual([]);
  });

  it('refuses a file it cannot read as BAD_USER_INPUT, and callers without a servicing role', async () => {
    const bad = await app.gql(PREVIEW, { csv: 'when,how much\n2026-01-01,5\n' }, servicer);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    const viaImport = await app.gql(IMPORT, { i: { csv: 'when,how much\n', idempotencyKey: 'stmt-bad-1' } }, servicer);
    expect(viaImport.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv' });
    expect(bad.errors?.[0].message).toContain('no date, amount, reference column');
    const analyst = await app.apiKey(lender.slug, 'ANALYST');
    expect((await app.gql(PREVIEW, { csv: statement() }, analyst)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('reads a statement laid out another way when told how', async () => {
    const [y, m, day] = d(-5).split('-');
    const csv = `Buchungstag;Betrag;Verwendungszweck\n${day}.${m}.${y};"1 000.00";Loan ${loanA}\n`;
    const q = `query($csv: String!, $f: BankStatementFormatInput) { previewBankStatement(csv: $csv, format: $f) { rows { line date amount status loanId } } }`;
    const format = { dateColumn: 'Buchungstag', amountColumn: 'Betrag', referenceColumn: 'Verwendungszweck', dateFormat: 'DAY_MONTH_YEAR_DOTS', delimiter: ';' };
    const res = await app.gql(q, { csv, f: format }, servicer);
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewBankStatement.rows).toEqual([{ line: 2, date: d(-5), amount: '1000', status: 'MATCHED', loanId: loanA }]);
    const missing = await app.gql(q, { csv, f: { ...format, payerColumn: 'Auftraggeber' } }, servicer);
    expect(missing.errors?.[0]).toMatchObject({ message: expect.stringContaining('no column named "Auftraggeber"'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('imports the matched rows as bank transfers, and a re-import posts nothing', async () => {
    const res = await app.gql(IMPORT, { i: { csv: statement(), idempotencyKey: 'stmt-0001' } }, servicer);
    expect(res.errors).toBeUndefined();
    const r = res.data!.importBankStatement;
    expect([r.posted, r.alreadyImported, r.skipped, r.failed, r.postedAmount]).toEqual([3, 0, 5, 0, '2750.00']);
    expect(r.rows.map((row: Record<string, unknown>) => [row.line, row.outcome])).toEqual([
      [2, 'POSTED'], [3, 'POSTED'], [4, 'POSTED'], [5, 'SKIPPED'], [6, 'SKIPPED'], [7, 'SKIPPED'], [8, 'SKIPPED'], [9, 'SKIPPED'],
    ]);
    expect(await repayments(loanA)).toEqual([
      { date: d(-5), amount: '1000.0000', method: 'BANK_TRANSFER', reference: `Loan ${loanA}`, status: 'POSTED' },
      { date: d(-3), amount: '250.0000', method: 'BANK_TRANSFER', reference: customerRef, status: 'POSTED' },
    ]);
    expect(await repayments(loanB)).toEqual([{ date: d(-4), amount: '1500.0000', method: 'BANK_TRANSFER', reference: `${refB} thanks`, status: 'POSTED' }]);

    // The same key gives the same answer; the same file under a new key (or in a longer export) posts nothing.
    const same = await app.gql(IMPORT, { i: { csv: statement(), idempotencyKey: 'stmt-0001' } }, servicer);
    expect(same.data!.importBankStatement).toEqual(r);
    const longer = `${statement()}\r\n${d(-1)},5,nobody,,\r\n`;
    const again = (await app.gql(IMPORT, { i: { csv: longer, idempotencyKey: 'stmt-0002' } }, servicer)).data!.importBankStatement;
    expect([again.posted, again.alreadyImported, again.skipped, again.failed]).toEqual([0, 3, 6, 0]);
    const preview = (await app.gql(PREVIEW, { csv: statement() }, servicer)).data!.previewBankStatement;
    expect(preview.totals).toMatchObject({ matched: 0, alreadyImported: 3 });
    expect((await repayments(loanA)).length).toBe(2);

    const conflict = await app.gql(IMPORT, { i: { csv: longer, idempotencyKey: 'stmt-0001' } }, servicer);
    expect(conflict.errors?.[0].extensions.code).toBe('CONFLICT');
    const [audit] = await app.ownerQuery("SELECT after FROM audit_entries WHERE action = 'payments.bankStatementImported' ORDER BY seq LIMIT 1");
    expect(audit.after).toMatchObject({ posted: 3, skipped: 5, postedAmount: '2750.00' });
  });

  it('a row that fails to post does not stop the others', async () => {
    const loanD = (await disbursedLoan(app, lender)).loanId;
    await ageLoan(app, loanD, 40);
    // The first row pays loan D off; the second, matched in the preview while D was active, is refused.
    const csv = ['date,amount,reference', `${d(-3)},100000.00,${loanD}`, `${d(-2)},10.00,${loanD}`, `${d(-2)},20.00,${loanB}`].join('\n');
    const r = (await app.gql(IMPORT, { i: { csv, idempotencyKey: 'stmt-0003' } }, servicer)).data!.importBankStatement;
    expect(r.rows.map((row: Record<string, unknown>) => [row.line, row.outcome, row.errorCode])).toEqual([[2, 'POSTED', null], [3, 'FAILED', 'CONFLICT'], [4, 'POSTED', null]]);
    expect(r.rows[1].message).toContain('CLOSED');
    expect([r.posted, r.failed]).toEqual([2, 1]);
    expect((await repayments(loanD)).length).toBe(1);
    expect((await repayments(loanB)).map((t) => t.amount)).toEqual(['1500.0000', '20.0000']);
  });

  it('two imports of one file at once post each row once, and say which of them posted it', async () => {
    const loanE = (await disbursedLoan(app, lender)).loanId;
    await ageLoan(app, loanE, 40);
    const csv = ['date,amount,reference,bank id', ...Array.from({ length: 6 }, (_, i) => `${d(-10 + i)},${10 + i}.00,${loanE},T${i}`)].join('\n');
    const [one, two] = await Promise.all(['stmt-race-1', 'stmt-race-2'].map((key) => app.gql(IMPORT, { i: { csv, idempotencyKey: key } }, servicer)));
    const r1 = one.data!.importBankStatement;
    const r2 = two.data!.importBankStatement;
    expect(r1.posted + r2.posted).toBe(6);
    expect(r1.alreadyImported + r2.alreadyImported).toBe(6);
    expect((await repayments(loanE)).length).toBe(6);
  });

  it('the CLI prints the preview as a table, and with --apply posts with a progress bar', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'microlend-stmt-'));
    const file = path.join(dir, 'statement.csv');
    writeFileSync(file, ['\uFEFFDate,Amount,Reference', `${d(-1)},33.00,${loanB}`, `${d(-1)},12.00,nobody`].join('\r\n'));

    const dry = await cli(app.config, 'payments', 'import', '--tenant', lender.slug, '--file', file);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/LINE\s+DATE\s+AMOUNT\s+REFERENCE\s+STATUS\s+LOAN\s+MESSAGE/);
    expect(dry.out).toMatch(new RegExp(`2\\s+${d(-1)}\\s+33.00\\s+${loanB}\\s+MATCHED\\s+${loanB}`));
    expect(dry.out).toContain('2 rows: 1 matched (33.00), 1 unmatched, 0 invalid, 0 duplicate, 0 already imported');
    expect(dry.out).toContain('dry run: nothing posted');
    expect((await repayments(loanB)).length).toBe(2);

    const applied = await cli(app.config, 'payments', 'import', '--tenant', lender.slug, '--file', file, '--apply');
    expect(applied.code).toBe(0);
    expect(applied.err).toMatch(/import \[.*\] 100% \| 1\/1/);
    expect(applied.out).toContain('posted 1 (33.00), already imported 0, skipped 1, failed 0');
    expect((await repayments(loanB)).map((t) => t.amount)).toEqual(['1500.0000', '20.0000', '33.0000']);

    const again = await cli(app.config, 'payments', 'import', '--tenant', lender.slug, '--file', file, '--apply');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/ALREADY_IMPORTED/);
    expect(again.out).toContain('posted 0 (0), already imported 1, skipped 1, failed 0');
    expect((await repayments(loanB)).length).toBe(3);

    const missing = await cli(app.config, 'payments', 'import', '--tenant', lender.slug, '--file', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    const unreadable = path.join(dir, 'bad.csv');
    writeFileSync(unreadable, 'foo,bar\n1,2\n');
    const bad = await cli(app.config, 'payments', 'import', '--tenant', lender.slug, '--file', unreadable);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('no date, amount, reference column')]);
  });
});
