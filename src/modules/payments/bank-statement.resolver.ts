import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { DateFormat, RowDecision, StatementOptions } from '../../core/bank-statement';
import { CoreInputError } from '../../core/input-error';
import type { GraphQLContext } from '../../platform/graphql/context';
import { badInput } from '../../core/domain-error';
import { API_MAX_ROWS, type BankStatementService } from './bank-statement.service';
import { BankStatementFormatInput, BankStatementImportType, BankStatementPreviewType, ImportBankStatementInput } from './dto/bank-statement.type';

@Resolver()
export class BankStatementResolver {
  constructor(private readonly statements: BankStatementService) {}

  @Query(() => BankStatementPreviewType, { description: 'What importing a bank statement CSV would post, row by row; writes nothing.' })
  async previewBankStatement(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('csv') csv: string,
    @Arg('format', () => BankStatementFormatInput, { nullable: true }) format?: BankStatementFormatInput,
  ) {
    // The file and its format are arguments here, not fields of an input: name them as such.
    const preview = await this.statements.preview(ctx, csv, statementOptions(format)).catch((err: unknown) => {
      throw err instanceof CoreInputError ? badInput(err.field, err.message) : err;
    });
    return { ...preview, rows: preview.rows.map(toRow) };
  }

  @Mutation(() => BankStatementImportType, { description: 'Posts each MATCHED row of a bank statement as a BANK_TRANSFER repayment, once per row however often the file is imported; a row that fails does not stop the others.' })
  importBankStatement(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => ImportBankStatementInput) input: ImportBankStatementInput) {
    return this.statements.importStatement(ctx, { csv: input.csv, idempotencyKey: input.idempotencyKey }, statementOptions(input.format));
  }
}

export function statementOptions(format?: BankStatementFormatInput | null): StatementOptions {
  const f = format ?? {};
  const columns = Object.fromEntries(
    (['date', 'amount', 'reference', 'payer', 'description', 'currency'] as const)
      .map((c) => [c, (f as Record<string, string | undefined>)[`${c}Column`]])
      .filter(([, v]) => v),
  );
  return { maxRows: API_MAX_ROWS, columns, dateFormat: f.dateFormat as DateFormat | undefined, delimiter: f.delimiter ?? undefined };
}

function toRow(d: RowDecision) {
  const { row } = d;
  return {
    line: row.line, date: row.date, amount: row.amount, reference: row.reference, payer: row.payer, description: row.description,
    loanId: d.loanId, status: d.status, reason: d.reason, message: d.message, fingerprint: row.fingerprint,
  };
}
