export { parseCsv } from './csv';
export type { CsvError, CsvRecord } from './csv';
export { DATE_FORMATS, STATEMENT_COLUMNS, StatementFileError, parseAmount, parseDate, parseStatement, rowFingerprint } from './statement';
export type { DateFormat, ParsedStatement, RowError, StatementColumn, StatementOptions, StatementRow } from './statement';
export { loanIdsIn, matchStatement, referenceTokens, rowKey, statementTotals } from './match';
export type { LoanCandidate, MatchInput, RowDecision, RowReason, RowStatus, StatementTotals } from './match';
