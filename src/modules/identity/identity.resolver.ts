import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type Connection, PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { toTenantType } from '../tenancy';
import type { TenantService } from '../tenancy';
import type { ApiKeyService } from './api-key.service';
import {
  ApiKeyConnection, ApiKeyType, AuthTokenType, BorrowerTokenType, CreateApiKeyInput, CreatedApiKeyType, CreateStaffUserInput,
  LoginInput, MintBorrowerTokenInput, RoleEnum, StaffUserConnection, StaffUserStatusEnum, StaffUserType, ViewerType,
} from './dto/identity.type';
import { toApiKeyType, toStaffUserType } from './identity.mapper';
import type { SessionService } from './session.service';
import type { StaffUserService } from './staff-user.service';

@ArgsType()
class ApiKeysArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false }) includeRevoked!: boolean;
}

@ArgsType()
class StaffUsersArgs extends PageArgs {
  @Field(() => StaffUserStatusEnum, { nullable: true }) status?: StaffUserStatusEnum;
}

function mapConnection<A, B>(page: Connection<A>, map: (a: A) => B): Connection<B> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })), nodes: page.nodes.map(map) };
}

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly tenantService: TenantService,
    private readonly apiKeyService: ApiKeyService,
    private readonly staff: StaffUserService,
    private readonly sessions: SessionService,
  ) {}

  @Query(() => ViewerType, { description: 'Who the caller is: tenant, roles and actor.' })
  async viewer(@Ctx() { ctx }: GraphQLContext): Promise<ViewerType> {
    return {
      tenant: ctx.tenantId ? toTenantType(await this.tenantService.current(ctx)) : null,
      roles: [...ctx.roles] as RoleEnum[],
      actor: { type: ctx.actor.type as ViewerType['actor']['type'], id: ctx.actor.id },
      borrowerId: ctx.borrowerId,
      agentId: ctx.agentId,
    };
  }

  @Query(() => ApiKeyConnection)
  async apiKeys(@Ctx() { ctx }: GraphQLContext, @Args(() => ApiKeysArgs) args: ApiKeysArgs) {
    const slug = (await this.tenantService.current(ctx)).slug;
    return mapConnection(await this.apiKeyService.list(ctx, args), (k) => toApiKeyType(k, slug));
  }

  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key; the secret is in the answer and nowhere else, ever.' })
  async createApiKey(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKeyType> {
    const slug = (await this.tenantService.current(ctx)).slug;
    const { apiKey, secret } = await this.apiKeyService.create(ctx, input);
    return { apiKey: toApiKeyType(apiKey, slug), secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes a key at once; revoking twice is harmless.' })
  async revokeApiKey(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    const slug = (await this.tenantService.current(ctx)).slug;
    return toApiKeyType(await this.apiKeyService.revoke(ctx, id), slug);
  }

  @Query(() => StaffUserConnection)
  async staffUsers(@Ctx() { ctx }: GraphQLContext, @Args(() => StaffUsersArgs) args: StaffUsersArgs) {
    return mapConnection(await this.staff.list(ctx, args), toStaffUserType);
  }

  @Mutation(() => StaffUserType)
  async createStaffUser(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput) {
    return toStaffUserType(await this.staff.create(ctx, input));
  }

  @Mutation(() => StaffUserType)
  async setStaffUserRoles(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('roles', () => [RoleEnum]) roles: RoleEnum[]) {
    return toStaffUserType(await this.staff.setRoles(ctx, id, roles));
  }

  @Mutation(() => StaffUserType)
  async setStaffUserStatus(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('status', () => StaffUserStatusEnum) status: StaffUserStatusEnum) {
    return toStaffUserType(await this.staff.setStatus(ctx, id, status));
  }

  @Mutation(() => AuthTokenType, { description: 'Staff sign-in: a short-lived JWT.' })
  login(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => LoginInput) input: LoginInput) {
    return this.sessions.login(ctx, input);
  }

  @Mutation(() => BorrowerTokenType, { description: 'A tenant front-end (APP key) gets a short-lived token bound to one borrower.' })
  mintBorrowerToken(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => MintBorrowerTokenInput) input: MintBorrowerTokenInput) {
    return this.sessions.mintBorrowerToken(ctx, input);
  }
}
