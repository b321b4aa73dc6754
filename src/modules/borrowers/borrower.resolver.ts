import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { BorrowerService } from './borrower.service';
import { BorrowerConnection, BorrowerExportType, BorrowerInput, BorrowerType, ConsentKindEnum, ConsentType } from './dto/borrower.type';

@ArgsType()
class BorrowersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Exact national ID (matched by blind index).' }) nationalId?: string;
  @Field(() => String, { nullable: true, description: 'Exact phone number (matched by blind index).' }) phone?: string;
  @Field(() => String, { nullable: true, description: 'Part of the name.' }) name?: string;
}

@Resolver(() => BorrowerType)
export class BorrowerResolver {
  constructor(private readonly borrowerService: BorrowerService) {}

  @Query(() => BorrowerType)
  async borrower(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.borrowerService.view(ctx, await this.borrowerService.byIdOrThrow(ctx, id));
  }

  @Query(() => BorrowerConnection)
  async borrowers(@Ctx() { ctx }: GraphQLContext, @Args(() => BorrowersArgs) args: BorrowersArgs) {
    const page = await this.borrowerService.list(ctx, args);
    const nodes = await Promise.all(page.nodes.map((b) => this.borrowerService.view(ctx, b)));
    return { ...page, nodes, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  @Mutation(() => BorrowerType)
  async createBorrower(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => BorrowerInput) input: BorrowerInput) {
    return this.borrowerService.view(ctx, await this.borrowerService.create(ctx, input));
  }

  @Mutation(() => BorrowerType)
  async updateBorrower(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => BorrowerInput) input: BorrowerInput) {
    return this.borrowerService.view(ctx, await this.borrowerService.update(ctx, id, input));
  }

  @Mutation(() => [ConsentType], { description: 'Records a consent answer with the version of the text shown; returns the latest answer per kind.' })
  async recordConsent(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('borrowerId', () => ID) borrowerId: string,
    @Arg('kind', () => ConsentKindEnum) kind: ConsentKindEnum,
    @Arg('granted') granted: boolean,
    @Arg('textVersion') textVersion: string,
  ) {
    await this.borrowerService.recordConsent(ctx, borrowerId, kind, granted, textVersion);
    return this.borrowerService.consents(ctx, borrowerId);
  }

  @Mutation(() => BorrowerExportType, { description: 'A data-subject export of everything held about the borrower (audited).' })
  async exportBorrower(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return { data: await this.borrowerService.export(ctx, id) };
  }

  @Mutation(() => BorrowerType, { description: 'Erases personal data and pseudonymises the borrower; loans keep their history.' })
  async eraseBorrower(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.borrowerService.view(ctx, await this.borrowerService.erase(ctx, id));
  }

  @FieldResolver(() => [ConsentType])
  consents(@Root() b: BorrowerType, @Ctx() { ctx }: GraphQLContext) {
    return this.borrowerService.consents(ctx, b.id);
  }
}
