import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ApplicationStatus } from '../../core/lifecycle';
import { adverseActionReasons } from '../../core/decisioning';
import { Dec } from '../../core/money';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { costPer } from '../../platform/graphql/cost';
import { notFound } from '../../core/domain-error';
import { DateScalar } from '../../platform/graphql/scalars';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { ApplicationEntity } from './application.entity';
import {
  ApplicationConnection, ApplicationEventType, ApplicationType, ApplicationVoteType, DecisionSimulationType,
  DisbursedLoanType, SlaBreachType, SubmitApplicationInput, VoteEnum,
} from './dto/application.type';
import { MAX_SIMULATED_APPLICATIONS, type OriginationService, SIMULATED_APPLICATIONS } from './origination.service';

/**
 * A simulation's price, in points (about a microsecond of CPU each; see docs/api-limits.md): the
 * configuration reads, then each application replayed: its facts read, scored and ruled under the
 * active and the draft policy.
 */
export const SIMULATION_POINTS = 500;
export const SIMULATED_APPLICATION_POINTS = 40;
import type { ApprovalService } from '../approvals';
import { ApplicationStatusEnum } from '../../platform/graphql/core-enums';
import type { OriginationGuardedOperations } from './guarded-operations';

@ArgsType()
class ApplicationsArgs extends PageArgs {
  @Field(() => ApplicationStatusEnum, { nullable: true, description: 'The current stage.' }) status?: ApplicationStatus;
  @Field(() => ID, { nullable: true }) productId?: string;
  @Field(() => String, { nullable: true }) agentId?: string;
  @Field(() => ID, { nullable: true }) borrowerId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only applications past (true) or within (false) their stage’s time limit.' }) slaBreached?: boolean;
}

export function toApplicationType(a: ApplicationEntity): ApplicationType {
  return {
    id: a.id, status: a.status, statusEnteredAt: a.statusEnteredAt, borrowerId: a.borrowerId, productId: a.productId, productVersion: a.productVersion,
    requestedAmount: new Dec(a.requestedAmount).toFixed(), termCount: a.termCount, frequency: a.frequency, purpose: a.purpose, source: a.source,
    agentId: a.agentId, agentRef: a.agentRef, referralId: a.referralId, referrerBorrowerId: a.referrerBorrowerId, riskGrade: a.riskGrade, score: a.score, decision: a.decision as never,
    adverseActionReasons: adverseActionReasons(a.status === 'DECLINED', a.decision?.reasons ?? []), offer: a.offer as never, contract: a.contract as never,
    signature: a.signature as never, loanId: a.loanId, createdAt: a.createdAt, updatedAt: a.updatedAt,
  };
}

@Resolver(() => ApplicationType)
export class OriginationResolver {
  constructor(
    private readonly origination: OriginationService,
    private readonly approvals: ApprovalService,
    /** This module's operations under four-eyes, run through `approvals.guard`. */
    private readonly guarded: OriginationGuardedOperations,
  ) {}

  @Mutation(() => ApplicationType, { description: 'Submits an application and decides it: checks, bureau, score, rules, limits, price, tier; an auto-approved one comes back OFFERED.' })
  async submitApplication(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    return toApplicationType(await this.origination.submit(ctx, input));
  }

  @Query(() => ApplicationType)
  async application(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toApplicationType(await this.origination.byIdOrThrow(ctx, id));
  }

  @Query(() => ApplicationConnection, { description: 'Newest first. A borrower token sees its own; an agent key the ones it referred.' })
  async applications(@Ctx() { ctx }: GraphQLContext, @Args(() => ApplicationsArgs) args: ApplicationsArgs) {
    const page = await this.origination.list(ctx, args);
    return { ...page, nodes: page.nodes.map(toApplicationType), edges: page.edges.map((e) => ({ cursor: e.cursor, node: toApplicationType(e.node) })) };
  }

  @Mutation(() => ApplicationType, { description: 'An approver’s vote, with a comment (audited).' })
  async voteOnApplication(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('vote', () => VoteEnum) vote: VoteEnum, @Arg('comment') comment: string) {
    return toApplicationType(await this.origination.vote(ctx, id, vote, comment));
  }

  @Mutation(() => ApplicationType, { description: 'Accepts the offer (the borrower, or staff for them); the contract is rendered.' })
  async acceptOffer(@Ctx() { ctx }: GraphQLContext, @Arg('applicationId', () => ID) applicationId: string) {
    return toApplicationType(await this.origination.acceptOffer(ctx, applicationId));
  }

  @Mutation(() => ApplicationType, { description: 'E-signs the contract whose SHA-256 is `documentHash`.' })
  async signContract(@Ctx() { ctx }: GraphQLContext, @Arg('applicationId', () => ID) applicationId: string, @Arg('signerName') signerName: string, @Arg('documentHash') documentHash: string) {
    return toApplicationType(await this.origination.sign(ctx, applicationId, { signerName, documentHash }));
  }

  @Mutation(() => DisbursedLoanType, { description: 'Creates the loan and pays it out; the same idempotencyKey always answers with the same loan.' })
  async disburseLoan(
    @Ctx() { ctx }: GraphQLContext, @Arg('applicationId', () => ID) applicationId: string, @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('disbursedAt', () => DateScalar, { nullable: true, description: 'Migrating a loan paid out in the past (LENDER_ADMIN only, audited): booked on that date, scheduled from it, caught up by the next close of business; nothing is paid out.' })
    disbursedAt?: string | null,
  ) {
    const { loanId } = await this.approvals.guard(ctx, this.guarded.disburseLoan, { applicationId, idempotencyKey, disbursedAt: disbursedAt ?? null });
    return loanView(ctx, loanId);
  }

  @Mutation(() => ApplicationType)
  async withdrawApplication(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String, { nullable: true }) reason?: string) {
    return toApplicationType(await this.origination.withdraw(ctx, id, reason ?? ''));
  }

  @Query(() => [SlaBreachType], { description: 'Applications whose current stage has outlived its time limit.' })
  async applicationSlaBreaches(@Ctx() { ctx }: GraphQLContext) {
    return (await this.origination.slaBreaches(ctx)).map((b) => ({ application: toApplicationType(b.application), stage: b.application.status, limitHours: b.limitHours, overdueMinutes: b.overdueMinutes }));
  }

  @Query(() => DecisionSimulationType, {
    description: `How approvals, grades and expected losses would change under draft scorecard / rules versions, over the latest decided applications (${SIMULATED_APPLICATIONS} unless \`applications\` says otherwise, at most ${MAX_SIMULATED_APPLICATIONS}; the cost grows with them).`,
    complexity: costPer(SIMULATION_POINTS, SIMULATED_APPLICATION_POINTS, (a) => a.applications, SIMULATED_APPLICATIONS),
  })
  simulateDecision(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('scorecardId', () => ID, { nullable: true }) scorecardId?: string,
    @Arg('ruleSetId', () => ID, { nullable: true }) ruleSetId?: string,
    @Arg('applications', () => Int, { nullable: true, description: `How many of the latest decided applications to replay (default ${SIMULATED_APPLICATIONS}, at most ${MAX_SIMULATED_APPLICATIONS}).` }) applications?: number | null,
  ) {
    return this.origination.simulate(ctx, { scorecardId, rulesId: ruleSetId }, applications ?? SIMULATED_APPLICATIONS);
  }

  @FieldResolver(() => [ApplicationVoteType])
  votes(@Root() app: ApplicationType, @Ctx() { ctx }: GraphQLContext) {
    return this.origination.votes(ctx, app.id);
  }

  @FieldResolver(() => [ApplicationEventType], { description: 'Every stage change, oldest first.' })
  events(@Root() app: ApplicationType, @Ctx() { ctx }: GraphQLContext) {
    return this.origination.events(ctx, app.id);
  }
}

async function loanView(ctx: RequestContext, id: string): Promise<DisbursedLoanType> {
  const [row] = await (await ctx.db()).query(
    `SELECT id, application_id AS "applicationId", principal::text, net_disbursed::text AS "netDisbursed", currency, annual_rate::text AS "annualRate",
            apr::text, status, disbursed_at AS "disbursedAt", disbursement_ref AS "disbursementRef", schedule FROM loans WHERE id = $1`, [id]);
  if (!row) throw notFound('Loan', id);
  const plain = (v: string) => new Dec(v).toFixed();
  return { ...row, principal: new Dec(row.principal).toFixed(2), netDisbursed: new Dec(row.netDisbursed).toFixed(2), annualRate: plain(row.annualRate), apr: plain(row.apr) };
}
