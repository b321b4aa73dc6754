import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, encodeCursor } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { CONNECTION_ROW_POINTS, type CostFunction, connectionRows, costOf } from '../../platform/graphql/cost';
import { DateScalar, DecimalScalar } from '../../platform/graphql/scalars';
import { selectedFields } from '../../platform/graphql/selection';
import { inSlices } from '../../platform/graphql/slices';
import { todayIn } from '../../platform/tenancy/business-date';
import type { LedgerService } from '../ledger';
import type { LoanProductService } from '../products';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import {
  BureauRefreshType, JournalEntryConnection, LoanBalancesType, LoanConnection, LoanEventType, LoanInstallmentType, LoanProductRefType, LoanStatusEnum, LoanTransactionConnection,
  LoanStatementType, LoanTransactionType, LoanType, PaymentMethodEnum, PayoffQuoteType, RestructureLoanInput, RecordRepaymentInput, RepaymentResultType, SettleLoanInput, TrialBalanceType, WaiverKindEnum,
} from './dto/loan.type';
import type { LoanStatus } from './loan.entity';
import { loanColumnsFor, toLoanType, toLoanTypeFromRow } from './loan.mapper';
import { type LoanServicingService, unpaidOf } from './loan-servicing.service';
import type { BureauMonitoringService } from './bureau-monitoring.service';
import type { ApprovalService } from '../approvals';
import type { LoanGuardedOperations } from './guarded-operations';

@ArgsType()
class LoansArgs extends PageArgs {
  @Field(() => LoanStatusEnum, { nullable: true }) status?: LoanStatus;
  @Field(() => String, { nullable: true }) bucket?: string;
  @Field(() => Int, { nullable: true }) dpdMin?: number;
  @Field(() => ID, { nullable: true }) productId?: string;
  @Field(() => ID, { nullable: true }) borrowerId?: string;
  @Field(() => String, { nullable: true }) agentId?: string;
}



/** A page of an in-memory list (a loan's own transactions or journal: bounded per loan). */
function pageOf<T extends { id: string }>(items: T[], args: PageArgs, max = 100) {
  const start = args.after ? items.findIndex((i) => encodeCursor(i.id) === args.after) + 1 : 0;
  const size = Math.min(args.first ?? 50, max);
  const nodes = items.slice(start, start + size);
  return {
    nodes,
    edges: nodes.map((n) => ({ cursor: encodeCursor(n.id), node: n })),
    pageInfo: { hasNextPage: start + size < items.length, hasPreviousPage: start > 0, startCursor: nodes[0] ? encodeCursor(nodes[0].id) : null, endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : null },
  };
}

/**
 * Prices, in points (about a microsecond of CPU each; see docs/api-limits.md). A replay of a loan's
 * history (payoffQuote, a loan's schedule or balances) measured about 2 ms on a loan of typical
 * length whose latest snapshot is recent; a loan list read (its transactions, journal or events) a
 * few hundred microseconds before its rows; the trial balance's aggregate about a millisecond.
 */
export const REPLAY_POINTS = 2000;
export const LOAN_READ_POINTS = 300;
export const TRIAL_BALANCE_POINTS = 1000;

/** A loan's transactions or journal: the read, then the page as any connection (its rows times what each selects). */
const loanListCost: CostFunction = ({ args, childComplexity }) => LOAN_READ_POINTS + connectionRows(args.first) * (childComplexity + CONNECTION_ROW_POINTS);

@Resolver(() => LoanType)
export class LoanResolver {
  constructor(
    private readonly servicing: LoanServicingService,
    private readonly ledger: LedgerService,
    private readonly products: LoanProductService,
    private readonly tenantService: TenantDirectory,
    private readonly monitoring: BureauMonitoringService,
    private readonly approvals: ApprovalService,
    /** This module's operations under four-eyes, run through `approvals.guard`. */
    private readonly guarded: LoanGuardedOperations,
  ) {}

  @Mutation(() => BureauRefreshType, { description: 'Pulls the borrower’s bureau report again; new delinquency or multi-lending raises early warnings on its active loans.' })
  refreshBureauReport(@Ctx() { ctx }: GraphQLContext, @Arg('borrowerId', () => ID) borrowerId: string) {
    return this.monitoring.refresh(ctx, borrowerId);
  }

  @Query(() => LoanType)
  async loan(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toLoanType(await this.servicing.byIdOrThrow(ctx, id));
  }

  @Query(() => LoanConnection, { description: 'A borrower token sees its own loans.' })
  async loans(@Ctx() { ctx }: GraphQLContext, @Args(() => LoansArgs) args: LoansArgs, @Info() info: GraphQLResolveInfo) {
    // Only the columns the selection needs are read: a list of ids does not load amounts or schedules.
    const page = await this.servicing.list(ctx, args, loanColumnsFor(selectedFields(info, ['nodes'], ['edges', 'node'])));
    const nodes = page.nodes.map(toLoanTypeFromRow);
    return { ...page, nodes, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  @Mutation(() => RepaymentResultType, { description: 'Records a repayment (possibly backdated) and returns its allocation; idempotent by key, safe under concurrency.' })
  recordRepayment(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => RecordRepaymentInput) input: RecordRepaymentInput) {
    return this.servicing.recordRepayment(ctx, input);
  }

  @Mutation(() => LoanTransactionType, { description: 'Reverses a transaction; the loan is replayed without it and the ledger corrected by reversing entries.' })
  reverseTransaction(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return this.approvals.guard(ctx, this.guarded.reverseTransaction, { id, reason });
  }

  @Mutation(() => LoanTransactionType, { description: 'Pays held overpayment credit back to the borrower (also after the loan closed); idempotent by key.' })
  refundCredit(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('loanId', () => ID) loanId: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Arg('method', () => PaymentMethodEnum) method: string,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('reference', () => String, { nullable: true }) reference?: string,
  ) {
    return this.approvals.guard(ctx, this.guarded.refundCredit, { loanId, amount, method, reference, idempotencyKey });
  }

  @Mutation(() => LoanTransactionType, { description: 'Charges a fee on the loan (with the next instalment due).' })
  async chargeFee(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string, @Arg('amount', () => DecimalScalar) amount: string, @Arg('name') name: string, @Arg('effectiveDate', () => DateScalar, { nullable: true }) effectiveDate?: string) {
    const date = effectiveDate ?? todayIn((await this.tenantService.current(ctx)).timezone);
    return (await this.servicing.addTransaction(ctx, loanId, { kind: 'FEE_CHARGE', effectiveDate: date, amount, note: name })).transaction;
  }

  @Mutation(() => LoanTransactionType, { description: 'Waives unpaid fees, penalties or interest, oldest first, up to the amount.' })
  async waive(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string, @Arg('kind', () => WaiverKindEnum) kind: WaiverKindEnum, @Arg('amount', () => DecimalScalar) amount: string, @Arg('reason') reason: string) {
    return this.approvals.guard(ctx, this.guarded.waive, { loanId, kind, amount, reason });
  }

  @Mutation(() => LoanType, { description: 'Writes the loan off to expense (principal, accrued interest and penalties); later payments are recoveries.' })
  async writeOffLoan(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string, @Arg('reason') reason: string) {
    return toLoanType(await this.approvals.guard(ctx, this.guarded.writeOffLoan, { loanId, reason }));
  }

  @Mutation(() => LoanType, { description: 'Reschedules what is owed today onto a successor loan with a new term (and rate); the old loan is kept as RESTRUCTURED.' })
  async restructureLoan(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => RestructureLoanInput) input: RestructureLoanInput) {
    const { loanId } = await this.approvals.guard(ctx, this.guarded.restructureLoan, { ...input });
    return toLoanType(await this.servicing.byIdOrThrow(ctx, loanId));
  }

  @Mutation(() => RepaymentResultType, { description: 'Pays the loan off: the amount must be the payoff quote as of paidAt (else CONFLICT with the current quote). Allocated as the quote computes it (interest to the day, prepayment fee, all principal); the loan closes with no credit. Idempotent by key.' })
  settleLoan(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SettleLoanInput) input: SettleLoanInput) {
    return this.servicing.settleLoan(ctx, input);
  }

  @Mutation(() => RepaymentResultType, { description: 'A payment received on a written-off loan, booked as a recovery; idempotent by key.' })
  recordRecovery(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => RecordRepaymentInput) input: RecordRepaymentInput) {
    return this.servicing.recordRecovery(ctx, input);
  }

  @Query(() => PayoffQuoteType, { description: 'The amount that settles the loan on a date (default today).', complexity: costOf(REPLAY_POINTS) })
  payoffQuote(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return this.servicing.payoffQuote(ctx, loanId, asOf);
  }

  @Query(() => LoanStatementType, { description: 'A statement of the loan for a period (a borrower token gets its own).' })
  loanStatement(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string) {
    return this.servicing.statement(ctx, loanId, from, to);
  }

  // One aggregate over the tenant's journal; the lines are the chart of accounts (a few dozen rows, priced as 50).
  @Query(() => TrialBalanceType, { description: 'Every ledger account of the tenant as of a business date; debits equal credits.', complexity: ({ childComplexity }) => TRIAL_BALANCE_POINTS + 50 * childComplexity })
  async trialBalance(@Ctx() { ctx }: GraphQLContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return this.ledger.trialBalance(ctx, asOf ?? todayIn((await this.tenantService.current(ctx)).timezone));
  }

  @FieldResolver(() => LoanProductRefType)
  async product(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext) {
    const p = await this.products.byIdOrThrow(ctx, loan.productId);
    return { id: p.id, code: p.code, name: p.name, version: loan.productVersion };
  }

  @FieldResolver(() => [LoanInstallmentType], { description: 'The schedule with paid and unpaid parts per instalment, as of today.', complexity: costOf(REPLAY_POINTS) })
  async schedule(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext) {
    const state = await this.servicing.state(ctx, await this.servicing.byIdOrThrow(ctx, loan.id));
    return inSlices(state.installments.map((i) => ({ ...i, unpaid: unpaidOf(i) })));
  }

  @FieldResolver(() => LoanBalancesType, { complexity: costOf(REPLAY_POINTS + LOAN_READ_POINTS) })
  async balances(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext) {
    const entity = await this.servicing.byIdOrThrow(ctx, loan.id);
    const state = await this.servicing.state(ctx, entity);
    return {
      outstanding: state.outstanding, overdue: state.overdue, credit: state.credit, receivable: this.servicing.receivable(entity, state),
      ledger: await this.ledger.loanLedger(ctx, loan.id),
    };
  }

  @FieldResolver(() => LoanTransactionConnection, { complexity: loanListCost })
  async transactions(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext, @Args(() => PageArgs) args: PageArgs) {
    return pageOf(await this.servicing.transactions(ctx, loan.id), args);
  }

  @FieldResolver(() => JournalEntryConnection, { complexity: loanListCost })
  async journal(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext, @Args(() => PageArgs) args: PageArgs) {
    return pageOf(await this.servicing.journal(ctx, loan.id), args);
  }

  @FieldResolver(() => [LoanEventType], { complexity: costOf(LOAN_READ_POINTS) })
  events(@Root() loan: LoanType, @Ctx() { ctx }: GraphQLContext) {
    return this.servicing.events(ctx, loan.id);
  }
}
