import { Arg, Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { TenantConnection, TenantInput, TenantSettingsInput, TenantStatusEnum, TenantType, TenantUpdateInput } from './dto/tenant.type';
import { toTenantType } from './tenant.mapper';
import type { TenantService } from './tenant.service';

@ArgsType()
class TenantsArgs extends PageArgs {
  @Field(() => TenantStatusEnum, { nullable: true }) status?: TenantStatusEnum;
}

@Resolver()
export class TenantResolver {
  constructor(private readonly tenantService: TenantService) {}

  @Query(() => TenantConnection, { description: 'All tenants (operator only).' })
  async tenants(@Ctx() { ctx }: GraphQLContext, @Args(() => TenantsArgs) args: TenantsArgs) {
    const page = await this.tenantService.list(ctx, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toTenantType(e.node) })), nodes: page.nodes.map(toTenantType) };
  }

  @Query(() => TenantType, { description: 'One tenant by slug (operator only).' })
  async tenant(@Ctx() { ctx }: GraphQLContext, @Arg('slug') slug: string) {
    return toTenantType(await this.tenantService.bySlugOrThrow(ctx, slug));
  }

  @Mutation(() => TenantType, { description: 'Onboards a lender (operator only).' })
  async createTenant(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => TenantInput) input: TenantInput) {
    return toTenantType(await this.tenantService.create(ctx, input));
  }

  @Mutation(() => TenantType, { description: 'Changes a lender’s definition (operator only).' })
  async updateTenant(@Ctx() { ctx }: GraphQLContext, @Arg('slug') slug: string, @Arg('input', () => TenantUpdateInput) input: TenantUpdateInput) {
    return toTenantType(await this.tenantService.update(ctx, slug, input));
  }

  @Mutation(() => TenantType, { description: 'Suspends or re-activates a lender; suspension stops all its credentials (operator only).' })
  async setTenantStatus(@Ctx() { ctx }: GraphQLContext, @Arg('slug') slug: string, @Arg('status', () => TenantStatusEnum) status: TenantStatusEnum) {
    return toTenantType(await this.tenantService.setStatus(ctx, slug, status));
  }

  @Mutation(() => TenantType, { description: 'A lender admin changes its own tenant’s settings.' })
  async updateTenantSettings(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => TenantSettingsInput) input: TenantSettingsInput) {
    return toTenantType(await this.tenantService.updateSettings(ctx, input));
  }
}
