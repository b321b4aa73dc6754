import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { SegmentEnum } from '../../platform/graphql/core-enums';
import type { Segment } from '../../core/products/product-terms';
import {
  LoanProductConnection, LoanProductStatusEnum, LoanProductTermsType, LoanProductType, LoanProductVersionType,
} from './dto/loan-product.type';
import { toLoanProductType, toLoanProductVersionType } from './loan-product.mapper';
import type { LoanProductService } from './loan-product.service';
import type { ApprovalService } from '../approvals';
import { PRODUCT_VERSIONS } from './product-versions.loader';
import type { ProductGuardedOperations } from './guarded-operations';

@ArgsType()
class LoanProductsArgs extends PageArgs {
  @Field(() => LoanProductStatusEnum, { nullable: true }) status?: LoanProductStatusEnum;
  @Field(() => SegmentEnum, { nullable: true }) segment?: Segment;
  @Field(() => String, { nullable: true }) currency?: string;
  @Field(() => String, { nullable: true, description: 'Part of the code or name.' }) search?: string;
}

@Resolver(() => LoanProductType)
export class LoanProductResolver {
  constructor(
    private readonly products: LoanProductService,
    private readonly approvals: ApprovalService,
    /** This module's operations under four-eyes, run through `approvals.guard`. */
    private readonly guarded: ProductGuardedOperations,
  ) {}

  @Query(() => LoanProductConnection)
  async loanProducts(@Ctx() { ctx }: GraphQLContext, @Args(() => LoanProductsArgs) args: LoanProductsArgs) {
    const page = await this.products.list(ctx, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toLoanProductType(e.node) })), nodes: page.nodes.map(toLoanProductType) };
  }

  @Query(() => LoanProductType)
  async loanProduct(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toLoanProductType(await this.products.byIdOrThrow(ctx, id));
  }

  @Mutation(() => LoanProductType, { description: 'Creates a product at version 1; refused with RATE_CAP_EXCEEDED if any band can breach the cap.' })
  async createLoanProduct(@Ctx() { ctx }: GraphQLContext, @Arg('code') code: string, @Arg('input', () => LoanProductTermsType) input: LoanProductTermsType) {
    return toLoanProductType(await this.products.create(ctx, code, input));
  }

  @Mutation(() => LoanProductType, { description: 'Saves new terms as the next version; loans and offers keep the version they were made on.' })
  async reviseLoanProduct(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => LoanProductTermsType) input: LoanProductTermsType) {
    return toLoanProductType(await this.approvals.guard(ctx, this.guarded.reviseLoanProduct, { id, input }));
  }

  @Mutation(() => LoanProductType, { description: 'Stops new applications on the product.' })
  async archiveLoanProduct(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toLoanProductType(await this.products.archive(ctx, id));
  }

  @FieldResolver(() => LoanProductTermsType, { description: 'The terms of the current version.' })
  async terms(@Root() product: LoanProductType, @Ctx() { loaders }: GraphQLContext) {
    const versions = await loaders.load(PRODUCT_VERSIONS, product.id);
    return toLoanProductVersionType(versions.find((v) => v.version === product.currentVersion)!).terms;
  }

  @FieldResolver(() => [LoanProductVersionType], { description: 'Every version, oldest first.' })
  async versions(@Root() product: LoanProductType, @Ctx() { loaders }: GraphQLContext) {
    return (await loaders.load(PRODUCT_VERSIONS, product.id)).map(toLoanProductVersionType);
  }
}
