import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DecimalScalar } from '../../platform/graphql/scalars';
import type { CreditLineService } from './credit-line.service';
import { CreditLineType } from './dto/credit-line.type';
import { LoanType } from './dto/loan.type';
import type { LoanServicingService } from './loan-servicing.service';
import { toLoanType } from './loan.mapper';

@Resolver(() => CreditLineType)
export class CreditLineResolver {
  constructor(
    private readonly lines: CreditLineService,
    private readonly servicing: LoanServicingService,
  ) {}

  @Query(() => CreditLineType)
  creditLine(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.lines.view(ctx, id);
  }

  @Query(() => [CreditLineType], { description: 'Credit lines, of one borrower when given (a borrower token sees its own).' })
  creditLines(@Ctx() { ctx }: GraphQLContext, @Arg('borrowerId', () => ID, { nullable: true }) borrowerId?: string) {
    return this.lines.forBorrower(ctx, borrowerId);
  }

  @Mutation(() => LoanType, { description: 'Draws on a credit line; the same idempotencyKey always answers with the same draw.' })
  async drawOnCreditLine(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('creditLineId', () => ID) creditLineId: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('termCount', () => Int, { nullable: true, description: 'Instalments of this draw; default the product’s shortest term.' }) termCount?: number,
  ) {
    const { loanId } = await this.lines.draw(ctx, creditLineId, { amount, termCount, idempotencyKey });
    return toLoanType(await this.servicing.byIdOrThrow(ctx, loanId));
  }

  @Mutation(() => CreditLineType, { description: 'Changes the limit (a limit below what is drawn leaves nothing available).' })
  setCreditLineLimit(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('limit', () => DecimalScalar) limit: string) {
    return this.lines.setLimit(ctx, id, limit);
  }

  @Mutation(() => CreditLineType, { description: 'Freezes (no new draws) or unfreezes a line; repayments go on.' })
  freezeCreditLine(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('frozen') frozen: boolean) {
    return this.lines.setFrozen(ctx, id, frozen);
  }

  @FieldResolver(() => [ID], { description: 'The draws (loans) of the line.' })
  async drawIds(@Root() line: CreditLineType, @Ctx() { ctx }: GraphQLContext) {
    return ((await (await ctx.db()).query('SELECT id FROM loans WHERE credit_line_id = $1 ORDER BY id', [line.id])) as { id: string }[]).map((r) => r.id);
  }
}
