import fc from 'fast-check';
import { type LoanCandidate, matchStatement, parseAmount, parseCsv, parseDate, parseStatement, referenceTokens, rowKey, statementTotals } from '.';

describe('parseCsv', () => {
  it.each([
    ['plain', 'a,b\n1,2\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['CRLF and no final newline', 'a,b\r\n1,2', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['old Mac CR', 'a,b\r1,2\r', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['byte-order mark', '\uFEFFa,b\n1,2\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['comma in quotes', 'a,b\n"1,5",x\n', [[1, ['a', 'b']], [2, ['1,5', 'x']]]],
    ['escaped quote', 'a\n"say ""hi"""\n', [[1, ['a']], [2, ['say "hi"']]]],
    ['quoted second field', 'a,b\nx,"y,z"\n', [[1, ['a', 'b']], [2, ['x', 'y,z']]]],
    ['line break in quotes keeps line numbers', 'a,b\n"one\ntwo",x\n3,4\n', [[1, ['a', 'b']], [2, ['one\ntwo', 'x']], [4, ['3', '4']]]],
    ['blank lines skipped, numbers kept', 'a\n\n1\n\r\n2\n', [[1, ['a']], [3, ['1']], [5, ['2']]]],
    ['empty fields', 'a,b,c\n,,\n', [[1, ['a', 'b', 'c']], [2, ['', '', '']]]],
    ['quoted empty field is a record', 'a\n""\n', [[1, ['a']], [2, ['']]]],
  ])('%s', (_name, text, expected) => {
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.fields])).toEqual(expected);
  });

  it('reports an unterminated quote at the line its record starts', () => {
    expect(parseCsv('a,b\n1,2\n"open,3\n4,5\n').errors).toEqual([{ line: 3, message: 'a quoted field is not closed' }]);
  });

  /** RFC 4180 as a spreadsheet writes it: quote a field only when it needs it (or always). */
  const write = (records: string[][], quoteAll: boolean, eol: string) =>
    records.map((r) => r.map((f) => (quoteAll || /[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join(eol) + eol;
  const field = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', ',', '"', '\n', '\r\n', 'é', '\t') });
  // A record of one empty field is a blank line, which CSV cannot tell from nothing.
  const record = fc.array(field, { minLength: 1, maxLength: 5 }).filter((r) => !(r.length === 1 && r[0] === ''));

  it('reads back whatever a writer wrote, however it quoted and ended lines (property)', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 8 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), (records, quoteAll, eol, bom) => {
      const { records: read, errors } = parseCsv((bom ? '\uFEFF' : '') + write(records, quoteAll, eol));
      expect(errors).toEqual([]);
      expect(read.map((r) => r.fields)).toEqual(records);
    }));
  });

  it('takes another delimiter', () => {
    expect(parseCsv('a;b\n"1;5";2\n', ';').records.map((r) => r.fields)).toEqual([['a', 'b'], ['1;5', '2']]);
  });
});

describe('parseAmount', () => {
  it.each([
    ['1500', '1500'], ['1500.00', '1500'], ['+25.5', '25.5'], ['1,234.56', '1234.56'], ['1 234.56', '1234.56'], ["1'234", '1234'],
    ['0.01', '0.01'], ['12,345,678.90', '12345678.9'], ['0000123.40', '123.4'],
  ])('%s -> %s', (raw, amount) => expect(parseAmount(raw)).toEqual({ amount }));

  it.each([
    ['-10.00', 'NOT_A_CREDIT'], ['(10.00)', 'NOT_A_CREDIT'], ['10-', 'NOT_A_CREDIT'], ['1e3', 'BAD_AMOUNT'], ['12,34', 'BAD_AMOUNT'], ['1.234,56', 'BAD_AMOUNT'],
    ['abc', 'BAD_AMOUNT'], ['0.00', 'BAD_AMOUNT'], ['1,234 567', 'BAD_AMOUNT'], ['.5', 'BAD_AMOUNT'], ['KES 10', 'BAD_AMOUNT'],
  ])('%s is refused (%s)', (raw, code) => expect(parseAmount(raw)).toMatchObject({ code }));

  it('keeps exact values no float can hold', () => {
    expect(parseAmount('9007199254740993.01')).toEqual({ amount: '9007199254740993.01' });
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-03-05', 'YYYY-MM-DD', '2026-03-05'], ['2026-3-5', 'YYYY-MM-DD', '2026-03-05'], ['05/03/2026', 'DD/MM/YYYY', '2026-03-05'],
    ['03/05/2026', 'MM/DD/YYYY', '2026-03-05'], ['5.3.2026', 'DD.MM.YYYY', '2026-03-05'], ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'],
    ['2026-02-29', 'YYYY-MM-DD', null], ['2026-13-01', 'YYYY-MM-DD', null], ['31/04/2026', 'DD/MM/YYYY', null], ['2026/03/05', 'YYYY-MM-DD', null], ['', 'YYYY-MM-DD', null],
  ] as const)('%s as %s -> %s', (raw, format, iso) => expect(parseDate(raw, format)).toBe(iso));
});

describe('parseStatement', () => {
  const csv = [
    'Date,Amount,Reference,Payer,Description',
    '2026-03-01,"1,500.00",LN-0001,Amina,"rent, March"',
    '2026-03-02,abc,LN-0002,,',
    '2026-02-30,10,,,',
    '2026-03-03,-5,X,,',
    '2026-03-04,10,short',
  ].join('\r\n');

  it('normalises good rows and reports each bad one with its line', () => {
    const { rows, columns } = parseStatement(csv);
    expect(columns).toEqual({ date: 0, amount: 1, reference: 2, payer: 3, description: 4, currency: null });
    expect(rows[0]).toMatchObject({ line: 2, date: '2026-03-01', amount: '1500', reference: 'LN-0001', payer: 'Amina', description: 'rent, March', errors: [] });
    expect(rows.slice(1).map((r) => [r.line, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [3, ['amount:BAD_AMOUNT']],
      [4, ['date:BAD_DATE', 'reference:MISSING']],
      [5, ['amount:NOT_A_CREDIT']],
      [6, ['line:BAD_LINE']],
    ]);
  });

  it('finds columns by configured names, case and spacing aside', () => {
    const { rows } = parseStatement('Value_Date;Credit Amt;Their Ref\n05/03/2026;12.5;abc\n', { delimiter: ';', dateFormat: 'DD/MM/YYYY', columns: { date: 'value date', amount: 'CREDIT AMT', reference: 'their ref' } });
    expect(rows[0]).toMatchObject({ date: '2026-03-05', amount: '12.5', reference: 'abc', errors: [] });
  });

  it.each([
    ['', 'empty'],
    ['Date,Amount\n2026-01-01,5\n', 'no reference column'],
    ['a,b\n"x', 'line 2: a quoted field is not closed'],
  ])('refuses an unreadable file: %j', (text, message) => expect(() => parseStatement(text)).toThrow(message));

  it('refuses a configured column that is not there', () => {
    expect(() => parseStatement('date,amount,reference\n', { columns: { payer: 'Sender' } })).toThrow('no column named "Sender"');
  });

  it('limits the rows', () => {
    expect(() => parseStatement('date,amount,reference\n2026-01-01,1,a\n2026-01-01,2,b\n', { maxRows: 1 })).toThrow('at most 1');
  });

  it('gives the same payment the same fingerprint whatever the quoting, line ending, padding or position', () => {
    const a = parseStatement('date,amount,reference\n2026-03-01,15.00,ln 1\n').rows[0];
    const b = parseStatement('\uFEFFdate,amount,reference\r\nx,1,y\r\n"2026-03-01", 15.00 ,"ln  1"\r\n').rows[1];
    expect(b.fingerprint).toBe(a.fingerprint);
    const other = parseStatement('date,amount,reference\n2026-03-01,15.01,ln 1\n').rows[0];
    expect(other.fingerprint).not.toBe(a.fingerprint);
    expect(rowKey(a.fingerprint)).toMatch(/^bank:[0-9a-f]{64}$/);
  });

  it('gives a row the same fingerprint however the file quotes it (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '-') });
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999 }), text, text, (cents, reference, payer) => {
      const amount = (cents / 100).toFixed(2);
      const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
      const plain = (f: string) => (/[",]/.test(f) ? quote(f) : f);
      const a = parseStatement(`date,amount,reference,payer\n2026-03-01,${amount},${plain(reference)},${plain(payer)}\n`).rows[0];
      const b = parseStatement(`date,amount,reference,payer\r\n${quote('2026-03-01')},${quote(amount)},${quote(reference)},${quote(payer)}\r\n`).rows[0];
      expect(b.fingerprint).toBe(a.fingerprint);
    }));
  });

  it('keeps two equal payments apart when the bank gives each its own id', () => {
    const { rows } = parseStatement('date,amount,reference,bank id\n2026-03-01,15,ln1,T1\n2026-03-01,15,ln1,T2\n');
    expect(rows[0].fingerprint).not.toBe(rows[1].fingerprint);
  });
});

describe('referenceTokens', () => {
  it.each([
    ['Loan 0190a6f2-7c1e-7abc-9def-0123456789ab.', ['loan', '0190a6f2-7c1e-7abc-9def-0123456789ab', 'loan 0190a6f2-7c1e-7abc-9def-0123456789ab.']],
    ['PO_ABC123/jamii-007', ['po_abc123', 'jamii-007', 'po_abc123/jamii-007']],
    ['ab', []],
    [null, []],
  ])('%s', (text, tokens) => expect(referenceTokens(text)).toEqual(tokens));
});

describe('matchStatement', () => {
  const L1 = '0190a6f2-7c1e-7abc-9def-000000000001';
  const L2 = '0190a6f2-7c1e-7abc-9def-000000000002';
  const L3 = '0190a6f2-7c1e-7abc-9def-000000000003';
  const L4 = '0190a6f2-7c1e-7abc-9def-000000000004';
  const loan = (id: string, over: Partial<LoanCandidate> = {}): LoanCandidate => ({
    id, status: 'ACTIVE', disbursementRef: `po_${id.slice(-4)}`, borrowerRef: null, disbursementDate: '2026-01-15', currency: 'KES', decimals: 2, ...over,
  });
  const loans = [
    loan(L1, { borrowerRef: 'CUST-1' }),
    loan(L2, { borrowerRef: 'CUST-2' }), loan(L3, { borrowerRef: 'CUST-2' }),
    loan(L4, { status: 'CLOSED', borrowerRef: 'CUST-4' }),
  ];
  const header = 'date,amount,reference,description,currency';

  it.each([
    ['loan id', `2026-03-01,100,Loan ${L1},,`, 'MATCHED', 'MATCHED_LOAN_ID', L1],
    ['loan id in upper case', `2026-03-01,100,${L1.toUpperCase()},,`, 'MATCHED', 'MATCHED_LOAN_ID', L1],
    ['disbursement reference', '2026-03-01,100,PO_0002 thanks,,', 'MATCHED', 'MATCHED_DISBURSEMENT_REF', L2],
    ['borrower reference with one active loan', '2026-03-01,100,cust-1,,', 'MATCHED', 'MATCHED_BORROWER_REF', L1],
    ['loan id wins over a borrower reference', `2026-03-01,100,CUST-2 ${L3},,`, 'MATCHED', 'MATCHED_LOAN_ID', L3],
    ['reference first, then description', '2026-03-01,100,nothing here,for po_0001,', 'MATCHED', 'MATCHED_DISBURSEMENT_REF', L1],
    ['borrower with two active loans', '2026-03-01,100,CUST-2,,', 'UNMATCHED', 'AMBIGUOUS', null],
    ['two loan ids', `2026-03-01,100,${L1} ${L2},,`, 'UNMATCHED', 'AMBIGUOUS', null],
    ['closed loan by id', `2026-03-01,100,${L4},,`, 'UNMATCHED', 'LOAN_NOT_ACTIVE', L4],
    ['borrower whose only loan is closed', '2026-03-01,100,CUST-4,,', 'UNMATCHED', 'LOAN_NOT_ACTIVE', L4],
    ['unknown loan id', '2026-03-01,100,0190a6f2-7c1e-7abc-9def-999999999999,,', 'UNMATCHED', 'UNKNOWN_LOAN_ID', null],
    ['nothing', '2026-03-01,100,hello world,,', 'UNMATCHED', 'NO_MATCH', null],
    ['future date', `2026-03-11,100,${L1},,`, 'INVALID', 'FUTURE_DATE', null],
    ['before disbursement', `2026-01-14,100,${L1},,`, 'INVALID', 'BEFORE_DISBURSEMENT', L1],
    ['too many decimals', `2026-03-01,100.005,${L1},,`, 'INVALID', 'TOO_MANY_DECIMALS', L1],
    ['other currency', `2026-03-01,100,${L1},,USD`, 'INVALID', 'CURRENCY_MISMATCH', L1],
    ['same currency', `2026-03-01,100,${L1},,kes`, 'MATCHED', 'MATCHED_LOAN_ID', L1],
    ['bad row', `2026-03-01,x,${L1},,`, 'INVALID', 'BAD_ROW', null],
  ])('%s', (_name, line, status, reason, loanId) => {
    const { rows } = parseStatement(`${header}\n${line}\n`);
    const [d] = matchStatement(rows, { today: '2026-03-10', loans, imported: new Set() });
    expect([d.status, d.reason, d.loanId]).toEqual([status, reason, loanId]);
  });

  it('posts at the loan’s decimals, reports duplicates in the file and rows already imported', () => {
    const { rows } = parseStatement(`${header}\n2026-03-01,100,${L1},,\n2026-03-02,7.5,${L1},,\n2026-03-01,100,${L1},,\n2026-03-03,1,nobody,,\n`);
    const imported = new Set([rows[1].fingerprint]);
    const decisions = matchStatement(rows, { today: '2026-03-10', loans, imported });
    expect(decisions.map((d) => [d.row.line, d.status, d.postAmount])).toEqual([
      [2, 'MATCHED', '100.00'], [3, 'ALREADY_IMPORTED', null], [4, 'DUPLICATE', null], [5, 'UNMATCHED', null],
    ]);
    expect(decisions[2].message).toBe('the same payment as line 2');
    expect(statementTotals(decisions)).toEqual({ rows: 4, matched: 1, unmatched: 1, invalid: 0, duplicate: 1, alreadyImported: 1, matchedAmount: '100.00' });
  });

  it('a row already imported stays so even when its loan has closed since', () => {
    const { rows } = parseStatement(`${header}\n2026-03-01,100,${L4},,\n`);
    expect(matchStatement(rows, { today: '2026-03-10', loans, imported: new Set([rows[0].fingerprint]) })[0].status).toBe('ALREADY_IMPORTED');
  });
});
