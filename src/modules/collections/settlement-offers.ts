import { badInput, conflict } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { AuditService } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { type Measure, guarded } from '../approvals';
import { type LoanServicingService, type SettlementRow, checkSettlementTerms } from '../loans';
import type { CollectionCaseService } from './collection-case.service';

export interface OfferSettlementInput {
  caseId: string;
  amount: string;
  payBy: string;
  instalments: number;
}

/**
 * Settlements offered in a collection case: the loan closes for less once the amount is received by
 * its date (the loans module keeps the agreement and forgives the rest when it is met). A discount
 * up to the case's stage's `maxDiscount` is the collector's to give; above it the offer waits for a
 * second person (four-eyes, reason AUTHORITY), and the approval makes it.
 */
export class SettlementOfferService {
  constructor(private readonly deps: { cases: CollectionCaseService; servicing: LoanServicingService; audit: AuditService }) {}

  /** The offer's discount against the case's stage's authority (refusing an offer that could never be made). */
  async measure(ctx: RequestContext, input: OfferSettlementInput): Promise<Measure> {
    const c = await this.openCase(ctx, input.caseId);
    const { loan, on, owed } = await this.deps.servicing.owedForSettlement(ctx, c.loanId);
    const amount = checkSettlementTerms(input, on, c.moneyDecimals, c.currency);
    if (amount.gte(owed)) throw badInput('input.amount', `the loan owes ${owed.toFixed(c.moneyDecimals)} today; a settlement is for less`, { owed: owed.toFixed(c.moneyDecimals) });
    const discount = owed.minus(amount);
    const share = discount.div(owed);
    const max = new Dec(c.stage.maxDiscount);
    return {
      amount: discount.toFixed(c.moneyDecimals), currency: loan.currency, beyondAuthority: share.gt(max),
      subject: `Collection case ${c.id} (${c.stageName}): settle loan ${c.loanId} for ${amount.toFixed(c.moneyDecimals)} of ${owed.toFixed(c.moneyDecimals)} ${loan.currency}, a ${share.times(100).toFixed(2)}% discount (the stage allows ${max.times(100).toFixed(2)}%)`,
    };
  }

  /** Makes the agreement (the measure checked the authority, or a checker approved it). */
  async offer(ctx: RequestContext, input: OfferSettlementInput): Promise<SettlementRow> {
    const c = await this.openCase(ctx, input.caseId);
    const settlement = await this.deps.servicing.agreeSettlement(ctx, { loanId: c.loanId, amount: input.amount, payBy: input.payBy, instalments: input.instalments, caseId: c.id });
    await this.deps.audit.record(ctx, { action: 'collection.settlementOffered', entityType: 'CollectionCase', entityId: c.id, after: { settlementId: settlement.id, amount: settlement.amount, discount: settlement.discount, payBy: settlement.payBy } });
    return settlement;
  }

  /** The case's latest settlement, if any. */
  async ofCase(ctx: RequestContext, caseId: string): Promise<SettlementRow | null> {
    return (await this.deps.servicing.settlements(ctx, { caseIds: [caseId] }))[0] ?? null;
  }

  private async openCase(ctx: RequestContext, caseId: string) {
    const c = await this.deps.cases.byIdOrThrow(ctx, caseId);
    if (c.status !== 'OPEN') throw conflict('The case is closed', { field: 'input.caseId' });
    return c;
  }
}

/** The collections operations a tenant's four-eyes covers: a settlement beyond its stage's authority always, others by the policy's threshold on the discount. */
export function collectionGuardedOperations(d: { offers: SettlementOfferService }) {
  return {
    offerSettlement: guarded('offerSettlement', {
      hasAuthority: true,
      measure: (ctx, a: OfferSettlementInput) => d.offers.measure(ctx, a),
      run: (ctx, a: OfferSettlementInput) => d.offers.offer(ctx, a),
    }),
  };
}
export type CollectionGuardedOperations = ReturnType<typeof collectionGuardedOperations>;
