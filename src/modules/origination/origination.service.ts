import { APPLICATION_STATUSES, type ApplicationStatus, IllegalTransitionError, assertTransition, isTerminal, slaBreach } from '../../core/lifecycle';
import { setImmediate } from 'node:timers/promises';
import { type ApprovalTier, DecisionSimulation, type PastApplication, type RuleSet, type ScorecardDefinition, checkVote, tally } from '../../core/decisioning';
import { Dec } from '../../core/money';
import { stageInsert } from '../../platform/db/staged-insert';
import { together } from '../../platform/db/prepared';
import { uuidv7 } from '../../platform/db/ids';
import { once } from '../../platform/db/idempotency';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../core/domain-error';
import { withoutNulls } from '../../platform/graphql/input';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { BorrowerService } from '../borrowers';
import type { DecisionConfigService } from '../decision-config';
import { type BorrowerEntity, StaffUserEntity } from '../identity';
import type { PricingService } from '../pricing';
import type { LoanProductService } from '../products';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { type ApplicationSource, ApplicationEntity } from './application.entity';
import { ApplicationWrites } from './application-writes';
import type { DecisionPipeline, DecisionRecord } from './decision-pipeline';
import { type Offer, contractValues, makeOffer, renderContract } from '../../core/products/offer';
import { type SubmitInput, submitSchema } from './submit-definition';
import type { LoanBookingService } from '../loans';
import type { CreditLineService } from '../loans';

/**
 * Decided applications a decision simulation replays, newest first, unless the caller asks for
 * another number up to the maximum; simulateDecision is charged per application replayed.
 */
export const SIMULATED_APPLICATIONS = 300;
export const MAX_SIMULATED_APPLICATIONS = 2000;
const SIMULATION_SLICE = 20;

export interface ApplicationFilter {
  status?: ApplicationStatus | null;
  productId?: string | null;
  agentId?: string | null;
  borrowerId?: string | null;
  slaBreached?: boolean | null;
}

/**
 * Origination, from submission to disbursement. Every stage change goes through `move`, which
 * checks the state machine, timestamps the stage and audits it (the change is written with the
 * application's row when the command saves it); every mutation runs in the request's one
 * transaction, so a failure leaves nothing half-done.
 */
export class OriginationService {
  constructor(
    private readonly deps: {
      tenants: TenantDirectory; borrowers: BorrowerService; products: LoanProductService; pricing: PricingService; configs: DecisionConfigService;
      pipeline: DecisionPipeline; audit: AuditService; booking: LoanBookingService; creditLines: CreditLineService;
      limits: { defaultPageSize: number; maxPageSize: number };
      /** The referrals module: who an application is credited to (the agent key's own submissions are its own). */
      referrals: {
        attribute(ctx: RequestContext, input: { borrowerId: string; nationalIdBidx: string | null; referralCode: string | null; field: string }): Promise<{ agentId: string | null; referrerBorrowerId: string | null; referralId: string | null }>;
        converted(ctx: RequestContext, referralId: string, applicationId: string, borrowerId: string): Promise<void>;
      };
    },
  ) {}

  /** Status changes kept with the application until it is saved, with its row, in one statement. */
  private readonly writes = new ApplicationWrites();

  async submit(ctx: RequestContext, input: unknown): Promise<ApplicationEntity> {
    const parsed = submitSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw badInput(`input.${parsed.error.issues[0].path.join('.')}`, parsed.error.issues[0].message);
    const data = parsed.data;
    const { borrowers, tenants } = this.deps;

    // What refuses an application before anyone is asked about the applicant, and what the identity
    // check and the bureau are asked with, are read in a short transaction of its own. The two are then
    // asked, together, with no transaction open: a vendor's seconds would otherwise hold a connection
    // and the application's locks (the network guard refuses it). The application itself, the borrower
    // a submission creates and the decision are written in the request's transaction after, as before:
    // a refusal or a failure anywhere leaves nothing written.
    const before = await ctx.detached((c) => this.beforeChecks(c, data));
    const evidence = await this.deps.pipeline.ask(before.applicant);
    const { product, version, terms, frequency, amount, collateral, collateralValue } = before;

    // Who applies: a borrower token applies for itself; staff and agents name or create the borrower
    // (a borrower created here has just consented to the bureau pull: neither is read back).
    let created: BorrowerEntity | null = null;
    if (!before.borrower) {
      created = await borrowers.create(ctx, data.borrower, 'input.borrower');
      await borrowers.recordConsentOf(ctx, created, 'BUREAU_PULL', true, data.bureauConsentTextVersion ?? 'application-form');
    }
    const borrower = before.borrower ?? created!;
    const borrowerId = borrower.id;

    const source: ApplicationSource = ctx.hasRole('BORROWER') ? 'BORROWER' : ctx.hasRole('AGENT') ? 'AGENT' : 'STAFF';
    // The lender's profile and who the application is credited to (an agent's key submits for itself;
    // otherwise the referral standing for the person, or the code quoted) need none of each other's
    // answers: read in one round trip, with the borrower just written.
    const [profile, attribution] = await together(await ctx.db(), () => Promise.allSettled([
      tenants.current(ctx),
      source === 'AGENT'
        ? { agentId: ctx.agentId, referrerBorrowerId: null, referralId: null }
        : this.deps.referrals.attribute(ctx, { borrowerId, nationalIdBidx: borrower.nationalIdBidx, referralCode: data.referralCode ?? null, field: 'input.referralCode' }),
    ]));

    const credit = settled(attribution);
    const now = new Date();
    const app = Object.assign(new ApplicationEntity(), {
      tenantId: ctx.tenant, id: uuidv7(), borrowerId, productId: product.id, productVersion: version.version, requestedAmount: amount.toFixed(),
      termCount: data.termCount, frequency, purpose: data.purpose ?? null, status: 'DRAFT' as ApplicationStatus, statusEnteredAt: now, source,
      agentId: credit.agentId, agentRef: source === 'AGENT' ? (data.agentRef ?? null) : null, createdByType: ctx.actor.type, createdById: ctx.actor.id,
      referralId: credit.referralId, referrerBorrowerId: credit.referrerBorrowerId,
      deviceId: data.deviceId ?? null, riskGrade: null, score: null, pd: null, decision: null, approvalTier: null, offer: null, contract: null, signature: null,
      loanId: null, version: 1, createdAt: now, updatedAt: now,
    });
    // Staged: the row goes with the next statement (the tenant's profile, or a collateral row), in its round trip.
    await stageInsert(ctx, ApplicationEntity, app);
    const em = await ctx.db();
    if (credit.referralId) await this.deps.referrals.converted(ctx, credit.referralId, app.id, borrowerId);
    this.writes.event(ctx, app, null, 'DRAFT', null);
    for (const c of collateral) {
      await em.query(
        'INSERT INTO application_collateral (tenant_id, id, application_id, kind, description, valuation, guarantor_name, document_hashes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [ctx.tenant, uuidv7(), app.id, c.kind, c.description, c.valuation ?? null, c.guarantorName ?? null, c.documentHashes ?? []],
      );
    }
    await this.move(ctx, app, 'SUBMITTED');
    await this.move(ctx, app, 'CHECKING');

    const tenant = settled(profile);
    const decision = await this.deps.pipeline.decide(ctx, { app, borrower, tenant, terms, productCode: product.code, collateralValue, hasCollateral: collateral.length > 0, evidence });
    Object.assign(app, { decision, riskGrade: decision.score.grade, score: decision.score.score, pd: decision.score.pd, approvalTier: decision.tier });
    await this.move(ctx, app, decision.outcome, decision.reasons.map((r) => r.code).join(', ') || null);
    if (decision.outcome === 'APPROVED') await this.offer(ctx, app, borrower);
    await this.writes.save(ctx, app);
    return app;
  }

  /**
   * A submission's reads and checks before the providers are asked (in a transaction of its own, see
   * `submit`): the borrower named (theirs to apply for, complete, not erased, consenting to the bureau
   * pull) or a new one's national ID new to the lender, the product (active) and its current version's
   * terms (frequency, amount, term, collateral), and who the identity check and the bureau are asked
   * about. A refusal names the borrower first, then the product, then its terms.
   */
  private async beforeChecks(ctx: RequestContext, data: SubmitInput) {
    const { borrowers, products } = this.deps;
    let named: string | null = null;
    if (ctx.hasRole('BORROWER')) {
      if (data.borrowerId && data.borrowerId !== ctx.borrowerId) throw forbidden('A borrower applies for itself');
      named = ctx.borrowerId!;
    } else if (data.borrowerId) {
      named = data.borrowerId;
    } else if (!data.borrower) {
      throw badInput('input.borrowerId', 'name the borrower (borrowerId) or describe a new one (borrower)');
    }
    let borrower: BorrowerEntity | null = null;
    if (named) {
      borrower = await borrowers.byIdOrThrow(ctx, named);
      if (!borrower.fullName || !borrower.nationalIdEnc) throw conflict('The borrower profile is incomplete: full name and national ID are needed', { field: 'input.borrowerId' });
      if (borrower.pseudonymisedAt) throw conflict('This borrower was erased', { field: 'input.borrowerId' });
      if (!(await borrowers.hasConsent(ctx, named, 'BUREAU_PULL'))) {
        throw new DomainError('CONFLICT', 'The borrower has not consented to a credit bureau pull', { field: 'input.borrowerId', reason: 'CONSENT_REQUIRED' });
      }
    }

    // A new borrower's national ID must be new to the lender (asked again when the borrower is written),
    // read with the product, in one round trip.
    const [identity, head] = await together(await ctx.db(), () => Promise.allSettled([
      named ? undefined : borrowers.refuseKnownIdentity(ctx, data.borrower!.nationalId, 'input.borrower'),
      products.headOrThrow(ctx, data.productId),
    ]));
    settled(identity);
    const product = settled(head);
    if (product.status !== 'ACTIVE') throw conflict(`Product ${product.code} is archived and takes no new applications`, { field: 'input.productId' });
    const version = await products.version(ctx, product.id, product.currentVersion);
    const terms = version.terms;
    const frequency = data.frequency ?? (terms.frequencies.length === 1 ? terms.frequencies[0] : undefined);
    if (!frequency || !terms.frequencies.includes(frequency)) throw badInput('input.frequency', `choose one of ${terms.frequencies.join(', ')}`);
    const amount = new Dec(data.amount);
    if (amount.lt(terms.amountMin) || amount.gt(terms.amountMax)) throw badInput('input.amount', `amount must be between ${terms.amountMin} and ${terms.amountMax} ${terms.currency}`);
    if (amount.decimalPlaces() > terms.rounding.decimals) throw badInput('input.amount', `at most ${terms.rounding.decimals} decimals`);
    if (data.termCount < terms.termMin || data.termCount > terms.termMax) throw badInput('input.termCount', `termCount must be between ${terms.termMin} and ${terms.termMax}`);

    // Collateral: accepted kinds only, and within each kind's loan-to-value cap.
    const accepted = new Map(terms.collateral.map((c) => [c.kind, c]));
    const collateral = data.collateral ?? [];
    if (!accepted.has('NONE') && collateral.length === 0) throw badInput('input.collateral', `this product is secured: ${[...accepted.keys()].join(', ')}`);
    let collateralValue = new Dec(0);
    collateral.forEach((c, i) => {
      const rule = accepted.get(c.kind);
      if (!rule) throw badInput(`input.collateral.${i}.kind`, `the product accepts ${[...accepted.keys()].join(', ')}`);
      if (c.kind !== 'GUARANTOR') {
        if (!c.valuation) throw badInput(`input.collateral.${i}.valuation`, 'pledged assets need a valuation');
        if (rule.maxLtv && amount.gt(new Dec(c.valuation).times(rule.maxLtv))) {
          throw badInput(`input.collateral.${i}.valuation`, `loan-to-value ${amount.div(c.valuation).toFixed(4)} exceeds the cap of ${rule.maxLtv} for ${c.kind}`);
        }
        collateralValue = collateralValue.plus(c.valuation);
      }
    });

    const applicant = borrower
      ? await borrowers.applicantOf(ctx, borrower)
      : { fullName: data.borrower!.fullName, nationalId: data.borrower!.nationalId, dateOfBirth: data.borrower!.dateOfBirth ?? null };
    return { borrower, product, version, terms, frequency, amount, collateral, collateralValue: collateralValue.toFixed(), applicant };
  }

  async byIdOrThrow(ctx: RequestContext, id: string, lock = false): Promise<ApplicationEntity> {
    const qb = (await ctx.db()).getRepository(ApplicationEntity).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const app = await qb.getOne();
    // A borrower token sees its own applications only, an agent the ones it referred (as in the list);
    // anything else is "not found", not "forbidden".
    if (!app || (ctx.hasRole('BORROWER') && app.borrowerId !== ctx.borrowerId) || (ctx.referringAgent !== null && app.agentId !== ctx.referringAgent)) throw notFound('Application', id);
    return app;
  }

  async list(ctx: RequestContext, args: PageArgs & ApplicationFilter): Promise<Connection<ApplicationEntity>> {
    const size = pageSize(args, this.deps.limits);
    const qb = (await ctx.db()).getRepository(ApplicationEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(size + 1);
    if (args.after) qb.andWhere('a.id < :after', { after: decodeCursor(args.after) });
    if (ctx.hasRole('BORROWER')) qb.andWhere('a.borrower_id = :me', { me: ctx.borrowerId });
    if (ctx.referringAgent !== null) qb.andWhere('a.agent_id = :agent', { agent: ctx.referringAgent });
    if (args.status) qb.andWhere('a.status = :status', { status: args.status });
    if (args.productId) qb.andWhere('a.product_id = :productId', { productId: args.productId });
    if (args.agentId) qb.andWhere('a.agent_id = :agentId', { agentId: args.agentId });
    if (args.borrowerId) qb.andWhere('a.borrower_id = :borrowerId', { borrowerId: args.borrowerId });
    if (args.slaBreached !== undefined && args.slaBreached !== null) {
      // The rule of slaBreach (core), in SQL: past a non-terminal stage's limit, in fractional hours.
      const limits = Object.fromEntries(Object.entries(await this.deps.configs.policy(ctx, 'STAGE_TIME_LIMITS')).filter(([status]) => !isTerminal(status as ApplicationStatus)));
      const breached = `(a.status_entered_at + (CAST(:limits AS jsonb) ->> a.status)::float8 * interval '1 hour') < now()`;
      qb.andWhere(args.slaBreached ? `coalesce(${breached}, false)` : `NOT coalesce(${breached}, false)`, { limits: JSON.stringify(limits) });
    }
    return toConnection(await qb.getMany(), size, (a) => a.id, Boolean(args.after));
  }

  /** A vote of a staff approver; the tier's rules (maker-checker, group, authority, quorum, deadline) apply. */
  async vote(ctx: RequestContext, id: string, vote: 'APPROVE' | 'DECLINE', comment: string): Promise<ApplicationEntity> {
    if (ctx.actor.type !== 'STAFF_USER') throw forbidden('Votes are cast by named staff users, not keys');
    if (!comment.trim()) throw badInput('comment', 'a vote needs a comment');
    const app = await this.byIdOrThrow(ctx, id, true);
    const tier = (app.approvalTier ?? {}) as ApprovalTier;
    const em = await ctx.db();
    const approver = await em.getRepository(StaffUserEntity).findOneByOrFail({ id: ctx.actor.id! });
    const votes = (await em.query('SELECT voter_id AS "voterId", vote, at FROM application_votes WHERE application_id = $1', [id])) as { voterId: string; vote: 'APPROVE' | 'DECLINE'; at: Date }[];
    const makerIds = [app.createdById, ...(await em.query("SELECT actor_id FROM application_events WHERE application_id = $1 AND to_status = 'SUBMITTED'", [id])).map((r: { actor_id: string }) => r.actor_id)].filter(Boolean) as string[];
    const refusal = app.status !== 'REFERRED'
      ? 'NOT_PENDING'
      : checkVote(tier, { amount: new Dec(app.requestedAmount).toFixed(), makerIds, openedAt: app.statusEnteredAt }, { id: approver.id, groups: approver.approvalGroups, authorityLimit: approver.approvalLimit === null ? '0' : new Dec(approver.approvalLimit).toFixed() }, votes, new Date(), vote);
    if (refusal) throw new DomainError('FORBIDDEN', voteRefusalMessage(refusal, tier), { reason: refusal });
    await em.query('INSERT INTO application_votes (tenant_id, id, application_id, voter_id, vote, comment) VALUES ($1, $2, $3, $4, $5, $6)', [ctx.tenant, uuidv7(), id, approver.id, vote, comment]);
    await this.deps.audit.record(ctx, { action: 'application.voted', entityType: 'Application', entityId: id, after: { vote, comment, tier: tier.id } });
    const outcome = tally(tier, [...votes, { voterId: approver.id, vote, at: new Date() }], { openedAt: app.statusEnteredAt }, new Date());
    if (outcome === 'APPROVED') {
      await this.move(ctx, app, 'APPROVED', `${tier.name}: approved`);
      await this.offer(ctx, app);
    } else if (outcome === 'DECLINED') {
      await this.move(ctx, app, 'DECLINED', `${tier.name}: declined`);
    } else if (outcome === 'EXPIRED') {
      await this.move(ctx, app, 'EXPIRED', 'approval deadline passed');
    }
    await this.writes.save(ctx, app);
    return app;
  }

  async votes(ctx: RequestContext, id: string) {
    return (await ctx.db()).query(
      `SELECT v.id, v.voter_id AS "voterId", u.full_name AS "voterName", v.vote, v.comment, v.at FROM application_votes v
       JOIN staff_users u ON u.tenant_id = v.tenant_id AND u.id = v.voter_id WHERE v.application_id = $1 ORDER BY v.at`, [id]);
  }

  async events(ctx: RequestContext, id: string) {
    return (await ctx.db()).query(
      'SELECT seq, from_status AS "fromStatus", to_status AS "toStatus", at, actor_type AS "actorType", actor_id AS "actorId", note FROM application_events WHERE application_id = $1 ORDER BY seq', [id]);
  }

  async acceptOffer(ctx: RequestContext, id: string): Promise<ApplicationEntity> {
    const app = await this.byIdOrThrow(ctx, id, true);
    if (app.status !== 'OFFERED') throw conflict(`The application is ${app.status}, not OFFERED`);
    const tenant = await this.deps.tenants.current(ctx);
    const offer = app.offer as Offer;
    if (todayIn(tenant.timezone) > offer.validUntil) {
      await this.move(ctx, app, 'EXPIRED', 'offer expired');
      await this.writes.save(ctx, app);
      throw conflict(`The offer expired on ${offer.validUntil}`);
    }
    await this.move(ctx, app, 'ACCEPTED');
    const template = await this.deps.configs.policy(ctx, 'CONTRACT_TEMPLATE');
    const borrower = await this.deps.borrowers.byIdOrThrow(ctx, app.borrowerId);
    const contract = renderContract(template.body, {
      tenant: { legalName: tenant.legalName, name: tenant.name },
      borrower: { fullName: borrower.fullName, id: borrower.id },
      application: { id: app.id },
      product: { name: offer.productName, version: offer.productVersion },
      offer: { ...offer, ...contractValues(offer) },
    });
    app.contract = { text: contract.text, sha256: contract.sha256, templateVersion: template.version, renderedAt: new Date().toISOString() };
    await this.writes.save(ctx, app);
    return app;
  }

  /** The e-signature: signer, time, IP and user agent, bound to the document's hash and audited. */
  async sign(ctx: RequestContext, id: string, input: { signerName: string; documentHash: string }): Promise<ApplicationEntity> {
    const app = await this.byIdOrThrow(ctx, id, true);
    if (app.status !== 'ACCEPTED') throw conflict(`The application is ${app.status}, not ACCEPTED`);
    if (input.documentHash !== app.contract!.sha256) throw badInput('input.documentHash', 'the document signed is not the contract of this application');
    if (!input.signerName.trim()) throw badInput('input.signerName', 'the signer’s name is required');
    app.signature = {
      signerType: ctx.actor.type, signerId: ctx.actor.id, signerName: input.signerName.trim(), signedAt: new Date().toISOString(),
      ip: ctx.client.ip, userAgent: ctx.client.userAgent, documentHash: app.contract!.sha256,
    };
    await this.move(ctx, app, 'CONTRACT_SIGNED');
    await this.deps.audit.record(ctx, { action: 'contract.signed', entityType: 'Application', entityId: id, after: app.signature });
    await this.writes.save(ctx, app);
    return app;
  }

  /**
   * Creates the loan with the offer's schedule frozen, pays the net disbursement out through the
   * payments provider (same idempotency key, so a retry never pays twice) and posts it to the ledger.
   * With a past `disbursedAt` (migrating a book: LENDER_ADMIN only, checked by the permission rule),
   * the loan is booked as paid out on that date: the offer's schedule is rebuilt from it at the signed
   * price, the entry is dated then, nothing is sent to the payments provider (the money left long
   * ago), and the next close of business catches the loan up. The date may be any past day (the
   * application of a migrated loan is made today, so its approval does not bound it), not a future one.
   */
  async disburse(ctx: RequestContext, applicationId: string, idempotencyKey: string, disbursedAt?: string | null): Promise<{ loanId: string }> {
    return once(ctx, 'disburseLoan', idempotencyKey, { applicationId, disbursedAt: disbursedAt ?? undefined }, async () => {
      const app = await this.byIdOrThrow(ctx, applicationId, true);
      if (app.status === 'DISBURSED') throw conflict('The application is already disbursed', { loanId: app.loanId });
      if (app.status !== 'CONTRACT_SIGNED') throw conflict(`The application is ${app.status}; only a signed contract is disbursed`);
      const tenant = await this.deps.tenants.current(ctx);
      const today = todayIn(tenant.timezone);
      if (disbursedAt && disbursedAt > today) throw badInput('disbursedAt', `${disbursedAt} is in the future (today is ${today} in ${tenant.timezone})`);
      const backdatedTo = disbursedAt && disbursedAt < today ? disbursedAt : null;
      const version = await this.deps.products.version(ctx, app.productId, app.productVersion);
      if (backdatedTo && version.terms.creditLine) throw badInput('disbursedAt', 'a credit line is opened today; only a term loan is migrated with a past date');
      const offer = backdatedTo ? await this.offerFrom(ctx, app, backdatedTo) : (app.offer as Offer);
      const booking = {
        applicationId: app.id, borrowerId: app.borrowerId, productId: app.productId, productVersion: app.productVersion, terms: version.terms, offer,
        agentId: app.agentId, idempotencyKey, businessDate: backdatedTo ?? today, backdatedTo,
      };
      // A revolving product opens the credit line; the first draw is the offer itself.
      const creditLineId = version.terms.creditLine ? await this.deps.creditLines.open(ctx, app, offer, version.terms) : null;
      const { loanId, payoutReference } = await this.deps.booking.book(ctx, { ...booking, creditLineId });
      app.loanId = loanId;
      const note = backdatedTo ? `migrated: disbursed ${backdatedTo}, ${offer.netDisbursement} ${offer.currency} paid out then (${payoutReference})` : `paid out ${offer.netDisbursement} ${offer.currency} (${payoutReference})`;
      await this.move(ctx, app, 'DISBURSED', note);
      await this.writes.save(ctx, app);
      return { loanId };
    });
  }

  /** The signed offer re-scheduled from a past disbursement date: same product version, amount, term and grade. */
  private async offerFrom(ctx: RequestContext, app: ApplicationEntity, date: string): Promise<Offer> {
    const signed = app.offer as Offer;
    const version = await this.deps.products.version(ctx, app.productId, app.productVersion);
    const borrower = await this.deps.borrowers.byIdOrThrow(ctx, app.borrowerId);
    const cap = await this.deps.pricing.capFor(ctx, date);
    return makeOffer({
      terms: version.terms, productVersion: version.version, amount: signed.amount, termCount: signed.termCount, frequency: signed.frequency, grade: signed.grade,
      segment: borrower.segment, today: date, validityDays: 0, cap,
    });
  }

  async withdraw(ctx: RequestContext, id: string, reason: string): Promise<ApplicationEntity> {
    const app = await this.byIdOrThrow(ctx, id, true);
    await this.move(ctx, app, 'WITHDRAWN', reason || null);
    await this.writes.save(ctx, app);
    return app;
  }

  /** Applications whose current stage has outlived the tenant's time limit for it. */
  async slaBreaches(ctx: RequestContext): Promise<{ application: ApplicationEntity; limitHours: number; overdueMinutes: number }[]> {
    const limits = await this.deps.configs.policy(ctx, 'STAGE_TIME_LIMITS');
    const open = await (await ctx.db()).getRepository(ApplicationEntity).createQueryBuilder('a')
      .where('a.status NOT IN (:...terminal)', { terminal: APPLICATION_STATUSES.filter(isTerminal) }).orderBy('a.status_entered_at', 'ASC').limit(1000).getMany();
    const now = new Date();
    return open.flatMap((application) => {
      const breach = slaBreach({ status: application.status, enteredAt: application.statusEnteredAt }, limits as Partial<Record<ApplicationStatus, number>>, now);
      return breach ? [{ application, ...breach }] : [];
    });
  }

  /** Runs a draft scorecard and/or rule set over the tenant's past decisions, before it is activated. */
  async simulate(ctx: RequestContext, draft: { scorecardId?: string | null; rulesId?: string | null }, applications = SIMULATED_APPLICATIONS) {
    if (!Number.isInteger(applications) || applications < 1 || applications > MAX_SIMULATED_APPLICATIONS) {
      throw badInput('applications', `applications must be between 1 and ${MAX_SIMULATED_APPLICATIONS}`);
    }
    const { configs } = this.deps;
    const current = await configs.active(ctx);
    const scorecard = draft.scorecardId ? ((await configs.byIdOrThrow(ctx, draft.scorecardId)).definition as ScorecardDefinition) : current.scorecard;
    const rules = draft.rulesId ? ((await configs.byIdOrThrow(ctx, draft.rulesId)).definition as RuleSet) : current.rules;
    // The latest ids first, then only their decisions' facts and outcome: the decision record is large
    // (checks, score, rules), and reading it for every application before the sort kept the database busy.
    const rows: { id: string; amount: string; facts: DecisionRecord['facts']; outcome: DecisionRecord['outcome']; risk_grade: string | null }[] = await (await ctx.db()).query(
      `WITH latest AS (SELECT id, created_at FROM applications WHERE decision IS NOT NULL ORDER BY created_at DESC LIMIT $1)
       SELECT a.id, a.requested_amount::text AS amount, a.decision->'facts' AS facts, a.decision->>'outcome' AS outcome, a.risk_grade
       FROM latest JOIN applications a ON a.id = latest.id ORDER BY latest.created_at DESC`, [applications]);
    const past: PastApplication[] = rows.map((r) => ({ id: r.id, amount: r.amount, facts: r.facts, actualOutcome: r.outcome, grade: r.risk_grade }));
    const { lossGivenDefault } = await configs.policy(ctx, 'OFFERS');
    const simulation = new DecisionSimulation({ scorecard: current.scorecard, rules: current.rules }, { scorecard, rules }, lossGivenDefault);
    for (const [i, app] of past.entries()) {
      simulation.add(app);
      // Two decisions an application, some 40 µs: other requests get the event loop about every millisecond.
      if (i % SIMULATION_SLICE === SIMULATION_SLICE - 1) await setImmediate();
    }
    return simulation.report();
  }

  /** The offer of an approved application (its borrower read when the caller has not already). */
  private async offer(ctx: RequestContext, app: ApplicationEntity, held?: BorrowerEntity): Promise<void> {
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    const version = await this.deps.products.version(ctx, app.productId, app.productVersion);
    const borrower = held ?? (await this.deps.borrowers.byIdOrThrow(ctx, app.borrowerId));
    const { validityDays } = await this.deps.configs.policy(ctx, 'OFFERS');
    const cap = await this.deps.pricing.capFor(ctx, today);
    const offer = makeOffer({ terms: version.terms, productVersion: version.version, amount: app.requestedAmount, termCount: app.termCount, frequency: app.frequency, grade: app.riskGrade!, segment: borrower.segment, today, validityDays, cap });
    // RATE_CAP_EXCEEDED never reaches an offer: the decision already priced under the cap.
    this.deps.pricing.assertWithinCap(offer.apr, cap);
    app.offer = offer;
    await this.move(ctx, app, 'OFFERED');
  }

  private async move(ctx: RequestContext, app: ApplicationEntity, to: ApplicationStatus, note: string | null = null): Promise<void> {
    try {
      assertTransition(app.status, to);
    } catch (err) {
      if (err instanceof IllegalTransitionError) throw new DomainError('CONFLICT', `An application cannot go from ${err.from} to ${err.to}`, { from: err.from, to: err.to, reason: 'ILLEGAL_TRANSITION' });
      throw err;
    }
    const from = app.status;
    app.status = to;
    app.statusEnteredAt = new Date();
    this.writes.event(ctx, app, from, to, note);
    await this.deps.audit.record(ctx, { action: `application.${to.toLowerCase()}`, entityType: 'Application', entityId: app.id, before: { status: from }, after: { status: to, note } });
  }

}

function voteRefusalMessage(reason: string, tier: ApprovalTier): string {
  switch (reason) {
    case 'MAKER_CHECKER': return 'Whoever created or submitted an application cannot approve it';
    case 'NOT_IN_GROUP': return `Only members of ${tier.group} vote on this application`;
    case 'OVER_AUTHORITY': return 'The amount is above your approval authority';
    case 'ALREADY_VOTED': return 'You have already voted on this application';
    case 'DEADLINE_PASSED': return 'The approval deadline has passed';
    default: return 'The application is not awaiting approval';
  }
}

/** A settled promise's value, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
