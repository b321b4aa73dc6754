import type { ImportResult, StatementPreview } from '../modules/payments/bank-statement.service';

/** A plain-text table: columns padded to their widest cell, long cells cut with an ellipsis. */
export function table(header: string[], rows: string[][], maxWidth: number[] = []): string {
  const cut = (s: string, i: number) => (maxWidth[i] && s.length > maxWidth[i] ? `${s.slice(0, maxWidth[i] - 1)}…` : s);
  const cells = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** The preview of a statement as the CLI prints it: one row per line of the file, then the totals. */
export function formatPreview(p: StatementPreview): string {
  const rows = p.rows.map((d) => [String(d.row.line), d.row.date ?? '', d.postAmount ?? d.row.amount ?? '', d.row.reference, d.status, d.loanId ?? '', d.message]);
  const t = p.totals;
  return table(['LINE', 'DATE', 'AMOUNT', 'REFERENCE', 'STATUS', 'LOAN', 'MESSAGE'], rows, [0, 0, 0, 44, 0, 0, 70])
    + `\n${t.rows} rows: ${t.matched} matched (${t.matchedAmount}), ${t.unmatched} unmatched, ${t.invalid} invalid, ${t.duplicate} duplicate, ${t.alreadyImported} already imported\n`;
}

/** What an import did: the rows that did not post cleanly, then the counts. */
export function formatImport(r: ImportResult): string {
  const failed = r.rows.filter((row) => row.outcome === 'FAILED');
  const lines = failed.map((row) => `line ${row.line}: FAILED ${row.errorCode}: ${row.message}\n`).join('');
  return `${lines}posted ${r.posted} (${r.postedAmount}), already imported ${r.alreadyImported}, skipped ${r.skipped}, failed ${r.failed}\n`;
}
