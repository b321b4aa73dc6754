import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DateScalar, DecimalScalar } from '../../platform/graphql/scalars';
import { BorrowerType, type BorrowerService } from '../borrowers';
import { LoanType, type LoanServicingService, toLoanType } from '../loans';
import type { CollectionActionService } from './collection-action.service';
import type { CollectionCaseService } from './collection-case.service';
import type { CollectionPolicyService } from './collection-policy.service';
import { conductFromInput, policyFromInput, toCaseType, toConductType, toPolicyType, toSettlementType } from './collections.mapper';
import type { ApprovalService } from '../approvals';
import type { CollectionGuardedOperations, SettlementOfferService } from './settlement-offers';
import type { ComplaintService } from './complaint.service';
import type { CollectionKpiService } from './collection-kpis.service';
import {
  BorrowerClockType, CaseStatusEnum, CollectionActionType, CollectionCaseConnection, CollectionCaseType, CollectionChannelEnum, CollectionConductInput, CollectionConductType,
  CollectionContactType, CollectionPolicyInput, CollectionPolicyType, ComplaintConnection, ComplaintStatusEnum, ComplaintType, ContactDirectionEnum, ContactOutcomeEnum,
  CollectionKpisType, CollectionTeamInput, CollectionTeamType, ContactPartyEnum, PromiseToPayType, SettlementType, CollectionPlacementType, PlacementStatusEnum,
} from './dto/collections.type';
import type { AgencyPlacementService } from './agency-placements';

@ArgsType()
class CollectionCasesArgs extends PageArgs {
  @Field({ nullable: true, description: 'A stage name.' }) stage?: string;
  @Field({ nullable: true, description: 'A staff user or API key id.' }) assignee?: string;
  @Field(() => CaseStatusEnum, { nullable: true }) status?: 'OPEN' | 'CLOSED';
  @Field(() => Int, { nullable: true }) dpdMin?: number;
  @Field(() => ID, { nullable: true }) productId?: string;
}

@ArgsType()
class ComplaintsArgs extends PageArgs {
  @Field(() => ComplaintStatusEnum, { nullable: true }) status?: string;
  @Field({ nullable: true }) category?: string;
  @Field(() => ID, { nullable: true }) borrowerId?: string;
}

@InputType('CollectionContactInput')
class CollectionContactInput {
  @Field(() => ID) caseId!: string;
  @Field(() => CollectionChannelEnum) channel!: 'CALL';
  @Field(() => ContactDirectionEnum) direction!: 'OUTBOUND' | 'INBOUND';
  @Field(() => ContactOutcomeEnum, { nullable: true }) outcome?: string | null;
  @Field({ nullable: true, description: 'The collector’s own note (not shown to the borrower).' }) note?: string;
  @Field({ nullable: true, description: 'What was said or sent to the party: checked against the forbidden words.' }) message?: string;
  @Field(() => ContactPartyEnum, { nullable: true, defaultValue: 'BORROWER' }) contactedParty?: 'BORROWER';
  @Field({ nullable: true, description: 'A reference or guarantor consented to be contacted.' }) partyConsented?: boolean;
  @Field({ nullable: true, description: 'The message tells the party about the debt (refused unless the party is the borrower).' }) disclosesDebt?: boolean;
}

@InputType('PromiseToPayInput')
class PromiseToPayInput {
  @Field(() => ID) caseId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar) dueDate!: string;
}

@InputType('OfferSettlementInput')
class OfferSettlementInput {
  @Field(() => ID) caseId!: string;
  @Field(() => DecimalScalar, { description: 'What the borrower pays to settle: less than the loan owes today (its payoff without a prepayment fee).' }) amount!: string;
  @Field(() => DateScalar, { description: 'The last day money counts towards it (today or later, within a year).' }) payBy!: string;
  @Field(() => Int, { defaultValue: 1, description: 'How many payments the amount is spread over (1 to 12), the last on payBy.' }) instalments!: number;
}

@InputType('ComplaintInput')
class ComplaintInput {
  @Field(() => ID, { nullable: true, description: 'Required of staff and APP keys; a borrower’s token files for itself.' }) borrowerId?: string;
  @Field(() => ID, { nullable: true }) loanId?: string;
  @Field({ description: 'How it reached the lender: PHONE, EMAIL, APP, BRANCH, LETTER …' }) channel!: string;
  @Field({ description: 'COLLECTIONS (cools collections off), BILLING, SERVICE, FRAUD, OTHER or the lender’s own; sets the deadline.' }) category!: string;
  @Field() text!: string;
}

@Resolver()
export class CollectionsResolver {
  constructor(
    private readonly policies: CollectionPolicyService,
    private readonly cases: CollectionCaseService,
    private readonly actions: CollectionActionService,
    private readonly complaintService: ComplaintService,
    private readonly kpiService: CollectionKpiService,
    private readonly approvals: ApprovalService,
    /** This module's operations under four-eyes, run through `approvals.guard`. */
    private readonly guarded: CollectionGuardedOperations,
    private readonly placements: AgencyPlacementService,
  ) {}

  @Query(() => [CollectionPlacementType], { description: 'Cases placed with collection agencies, newest first (at most 200): of a case, of an agency, by status. An agency’s own key sees only its placements.' })
  collectionPlacements(@Ctx() { ctx }: GraphQLContext, @Arg('caseId', () => ID, { nullable: true }) caseId?: string | null,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId?: string | null, @Arg('status', () => PlacementStatusEnum, { nullable: true }) status?: string | null) {
    return this.placements.list(ctx, { caseId, agencyId, status });
  }

  @Mutation(() => SettlementType, {
    description: 'Offers the borrower to close the loan for less: met when `amount` is received by `payBy` (the rest is then forgiven to the settlement-discount account and the case closes SETTLED at close of business). A discount above the case’s stage’s maxDiscount waits for a second person: APPROVAL_REQUIRED (reason AUTHORITY) with the request’s id.',
  })
  async offerSettlement(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => OfferSettlementInput) input: OfferSettlementInput) {
    return toSettlementType(await this.approvals.guard(ctx, this.guarded.offerSettlement, { caseId: input.caseId, amount: input.amount, payBy: input.payBy, instalments: input.instalments }));
  }

  @Query(() => CollectionKpisType, { description: 'Collections figures of a period of business dates: cure rate by stage, roll rates, promise-kept rate, recovered amounts, contacts per 1,000 recovered, conduct refusals.' })
  collectionKpis(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string) {
    return this.kpiService.kpis(ctx, from, to);
  }

  @Query(() => [CollectionPolicyType], { description: 'The lender’s collection policies: every version, current first (or only the current ones).' })
  async collectionPolicies(@Ctx() { ctx }: GraphQLContext, @Arg('code', () => String, { nullable: true }) code?: string | null, @Arg('currentOnly', { defaultValue: false }) currentOnly?: boolean) {
    return (await this.policies.policies(ctx, code ?? null, currentOnly ?? false)).map(toPolicyType);
  }

  @Mutation(() => CollectionPolicyType, { description: 'Creates a policy, or a new version of it when its definition changed (open cases keep theirs).' })
  async setCollectionPolicy(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CollectionPolicyInput) input: CollectionPolicyInput) {
    return toPolicyType((await this.policies.setPolicy(ctx, policyFromInput(input as never))).policy);
  }

  @Query(() => CollectionConductType, { description: 'The conduct rules in force (the platform’s defaults until the lender sets its own).' })
  async collectionConduct(@Ctx() { ctx }: GraphQLContext) {
    return toConductType(await this.policies.conduct(ctx));
  }

  @Mutation(() => CollectionConductType, { description: 'Sets the lender’s conduct rules (unset fields take the platform’s defaults).' })
  async setCollectionConduct(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CollectionConductInput) input: CollectionConductInput) {
    return toConductType((await this.policies.setConduct(ctx, conductFromInput(input as unknown as Record<string, unknown>))).conduct);
  }

  @Query(() => CollectionCaseConnection, { description: 'Collection cases, newest first.' })
  async collectionCases(@Ctx() { ctx }: GraphQLContext, @Args(() => CollectionCasesArgs) args: CollectionCasesArgs) {
    const page = await this.cases.list(ctx, args);
    return { ...page, nodes: page.nodes.map(toCaseType), edges: page.edges.map((e) => ({ cursor: e.cursor, node: toCaseType(e.node) })) };
  }

  @Query(() => CollectionCaseType)
  async collectionCase(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toCaseType(await this.cases.byIdOrThrow(ctx, id));
  }

  @Query(() => [CollectionCaseType], { description: 'The caller’s open cases, most urgent first.' })
  async myCollectionQueue(@Ctx() { ctx }: GraphQLContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number) {
    return (await this.cases.queue(ctx, first)).map(toCaseType);
  }

  @Mutation(() => [CollectionCaseType], { description: 'Gives open cases to a collector (a staff user or API key with COLLECTOR or LENDER_ADMIN).' })
  async assignCollectionCases(@Ctx() { ctx }: GraphQLContext, @Arg('ids', () => [ID]) ids: string[], @Arg('assignee', () => ID) assignee: string) {
    return (await this.cases.assign(ctx, ids, assignee)).map(toCaseType);
  }

  @Mutation(() => CollectionTeamType, { description: 'Who works a team’s cases and how many open cases each may hold: new cases of the team are shared among them by load (round-robin) when collection actions run.' })
  setCollectionTeam(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CollectionTeamInput) input: CollectionTeamInput) {
    return this.cases.setTeam(ctx, input);
  }

  @Mutation(() => CollectionContactType, { description: 'Logs a contact; an outbound one the conduct rules forbid is refused with CONDUCT_RULE_VIOLATION (extensions.rule, extensions.allowedAt).' })
  logCollectionContact(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CollectionContactInput) input: CollectionContactInput) {
    return this.cases.logContact(ctx, input);
  }

  @Mutation(() => PromiseToPayType, { description: 'A promise to pay by a date: kept when repayments cover it by then (close of business checks), else broken (collection.promise_broken).' })
  recordPromiseToPay(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => PromiseToPayInput) input: PromiseToPayInput) {
    return this.cases.recordPromise(ctx, input);
  }

  @Mutation(() => CollectionCaseType, { description: 'The borrower cannot pay for now: the case’s actions pause and contact cools off for the policy’s hardship days; collection.hardship_requested asks for a restructure.' })
  async requestHardship(@Ctx() { ctx }: GraphQLContext, @Arg('caseId', () => ID) caseId: string, @Arg('reason') reason: string) {
    return toCaseType(await this.cases.requestHardship(ctx, { caseId, reason }));
  }

  @Mutation(() => Int, { description: 'Sends the collection messages due now (the worker does this every few minutes); answers how many went out.' })
  async runCollectionActions(@Ctx() { ctx }: GraphQLContext) {
    return (await this.actions.runDue(ctx)).sent;
  }

  @Query(() => [CollectionContactType], { description: 'Messages the platform sent for a case (the sandbox provider’s record of them).' })
  async collectionMessages(@Ctx() { ctx }: GraphQLContext, @Arg('caseId', () => ID) caseId: string) {
    await this.cases.byIdOrThrow(ctx, caseId);
    return (await this.cases.contacts(ctx, caseId)).filter((c) => c.automatic);
  }

  @Mutation(() => ComplaintType, { description: 'Files a borrower’s complaint; its category sets the response deadline, and one about collections cools collections off.' })
  fileComplaint(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => ComplaintInput) input: ComplaintInput) {
    return this.complaintService.file(ctx, input);
  }

  @Mutation(() => ComplaintType)
  respondToComplaint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('response') response: string) {
    return this.complaintService.respond(ctx, id, response);
  }

  @Query(() => ComplaintConnection, { description: 'Complaints, newest first (a borrower sees its own).' })
  complaints(@Ctx() { ctx }: GraphQLContext, @Args(() => ComplaintsArgs) args: ComplaintsArgs) {
    return this.complaintService.list(ctx, args);
  }

  @Query(() => ComplaintConnection, { description: 'Complaints answered late or open past their deadline.' })
  complaintSlaBreaches(@Ctx() { ctx }: GraphQLContext, @Args(() => PageArgs) args: PageArgs) {
    return this.complaintService.list(ctx, { ...args, breachedOnly: true });
  }
}

/** What a case page reads beside the case: the loan, the borrower, the stage's actions, the contact log, the promises. */
@Resolver(() => CollectionCaseType)
export class CollectionCaseFieldsResolver {
  constructor(
    private readonly cases: CollectionCaseService, private readonly servicing: LoanServicingService, private readonly borrowers: BorrowerService,
    private readonly offers: SettlementOfferService, private readonly placementService: AgencyPlacementService,
  ) {}

  @FieldResolver(() => [CollectionPlacementType], { description: 'The case’s placements with collection agencies, newest first.' })
  placements(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.placementService.list(ctx, { caseId: c.id });
  }

  @FieldResolver(() => SettlementType, { nullable: true, description: 'The case’s latest settlement offer.' })
  async settlement(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    const row = await this.offers.ofCase(ctx, c.id);
    return row ? toSettlementType(row) : null;
  }

  @FieldResolver(() => LoanType)
  async loan(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return toLoanType(await this.servicing.byIdOrThrow(ctx, c.loanId));
  }

  @FieldResolver(() => BorrowerType)
  async borrower(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.borrowers.view(ctx, await this.borrowers.byIdOrThrow(ctx, c.borrowerId));
  }

  @FieldResolver(() => [CollectionActionType])
  actions(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.cases.actions(ctx, c.id);
  }

  @FieldResolver(() => [CollectionContactType])
  contacts(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.cases.contacts(ctx, c.id);
  }

  @FieldResolver(() => [PromiseToPayType])
  promises(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.cases.promises(ctx, c.id);
  }

  @FieldResolver(() => BorrowerClockType, { description: 'The borrower’s clock, which quiet hours are read on.' })
  borrowerClock(@Ctx() { ctx }: GraphQLContext, @Root() c: CollectionCaseType) {
    return this.cases.borrowerClock(ctx, c.borrowerId);
  }
}
