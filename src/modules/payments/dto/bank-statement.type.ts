import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';

export enum BankStatementRowStatusEnum { MATCHED = 'MATCHED', UNMATCHED = 'UNMATCHED', INVALID = 'INVALID', DUPLICATE = 'DUPLICATE', ALREADY_IMPORTED = 'ALREADY_IMPORTED' }
registerEnumType(BankStatementRowStatusEnum, {
  name: 'BankStatementRowStatus',
  description: 'MATCHED rows are posted; UNMATCHED (no loan, several, or one not active), INVALID, DUPLICATE (the same payment earlier in the file) and ALREADY_IMPORTED rows are not.',
});
export enum BankStatementImportOutcomeEnum { POSTED = 'POSTED', ALREADY_IMPORTED = 'ALREADY_IMPORTED', SKIPPED = 'SKIPPED', FAILED = 'FAILED' }
registerEnumType(BankStatementImportOutcomeEnum, { name: 'BankStatementImportOutcome' });
export enum StatementDateFormatEnum { ISO = 'YYYY-MM-DD', DAY_MONTH_YEAR = 'DD/MM/YYYY', MONTH_DAY_YEAR = 'MM/DD/YYYY', DAY_MONTH_YEAR_DOTS = 'DD.MM.YYYY' }
registerEnumType(StatementDateFormatEnum, { name: 'StatementDateFormat', description: 'ISO is YYYY-MM-DD; the others as named (DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY).' });

@InputType('BankStatementFormatInput', { description: 'How to read a statement whose header or dates are not the usual ones.' })
export class BankStatementFormatInput {
  @Field({ nullable: true, description: 'Header of the date column (default: date, value date, transaction date, …).' }) dateColumn?: string;
  @Field({ nullable: true }) amountColumn?: string;
  @Field({ nullable: true }) referenceColumn?: string;
  @Field({ nullable: true }) payerColumn?: string;
  @Field({ nullable: true }) descriptionColumn?: string;
  @Field({ nullable: true }) currencyColumn?: string;
  @Field(() => StatementDateFormatEnum, { nullable: true }) dateFormat?: StatementDateFormatEnum;
  @Field({ nullable: true, description: 'One character; default a comma.' }) delimiter?: string;
}

@InputType('ImportBankStatementInput')
export class ImportBankStatementInput {
  @Field({ description: 'The statement as CSV text: a header row, then one payment per row.' }) csv!: string;
  @Field(() => BankStatementFormatInput, { nullable: true }) format?: BankStatementFormatInput;
  @Field({ description: 'The same key and file give the first answer again; rows are also keyed by their own fingerprint.' }) idempotencyKey!: string;
}

@ObjectType('BankStatementRow')
export class BankStatementRowType {
  @Field(() => Int, { description: 'Line of the file the row starts on.' }) line!: number;
  @Field(() => DateScalar, { nullable: true }) date!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) amount!: string | null;
  @Field() reference!: string;
  @Field(() => String, { nullable: true }) payer!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ID, { nullable: true, description: 'The loan the row pays (also shown when it cannot be posted to it).' }) loanId!: string | null;
  @Field(() => BankStatementRowStatusEnum) status!: string;
  @Field({ description: 'Stable code of why: MATCHED_LOAN_ID, NO_MATCH, AMBIGUOUS, LOAN_NOT_ACTIVE, FUTURE_DATE, BAD_ROW, …' }) reason!: string;
  @Field() message!: string;
  @Field({ description: 'sha256 of the normalised row; the row is posted under the key bank:<fingerprint>.' }) fingerprint!: string;
}

@ObjectType('BankStatementTotals')
export class BankStatementTotalsType {
  @Field(() => Int) rows!: number;
  @Field(() => Int) matched!: number;
  @Field(() => Int) unmatched!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => Int) duplicate!: number;
  @Field(() => Int) alreadyImported!: number;
  @Field(() => DecimalScalar, { description: 'What the MATCHED rows add up to.' }) matchedAmount!: string;
}

@ObjectType('BankStatementPreview')
export class BankStatementPreviewType {
  @Field({ description: 'sha256 of the file.' }) sha256!: string;
  @Field(() => [BankStatementRowType]) rows!: BankStatementRowType[];
  @Field(() => BankStatementTotalsType) totals!: BankStatementTotalsType;
}

@ObjectType('BankStatementImportRow')
export class BankStatementImportRowType {
  @Field(() => Int) line!: number;
  @Field(() => BankStatementRowStatusEnum) status!: string;
  @Field(() => BankStatementImportOutcomeEnum) outcome!: string;
  @Field(() => ID, { nullable: true }) loanId!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) amount!: string | null;
  @Field(() => ID, { nullable: true, description: 'The repayment recorded (POSTED rows).' }) transactionId!: string | null;
  @Field(() => String, { nullable: true, description: 'Error code of a FAILED row (e.g. CONFLICT).' }) errorCode!: string | null;
  @Field() message!: string;
}

@ObjectType('BankStatementImport')
export class BankStatementImportType {
  @Field() sha256!: string;
  @Field(() => Int) posted!: number;
  @Field(() => Int) alreadyImported!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
  @Field(() => DecimalScalar) postedAmount!: string;
  @Field(() => [BankStatementImportRowType]) rows!: BankStatementImportRowType[];
}
