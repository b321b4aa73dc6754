import { conflict } from '../../core/domain-error';
import { Dec } from '../../core/money';
import { guarded } from '../approvals';
import type { OriginationService } from './origination.service';

/** Origination's operation under four-eyes: a disbursement, measured by the offer's principal. */
export function originationGuardedOperations(d: { origination: OriginationService }) {
  return {
    disburseLoan: guarded('disburseLoan', {
      async measure(ctx, a: { applicationId: string; idempotencyKey: string; disbursedAt?: string | null }) {
        const app = await d.origination.byIdOrThrow(ctx, a.applicationId);
        if (app.status !== 'CONTRACT_SIGNED') throw conflict(`The application is ${app.status}; only a signed contract is disbursed`);
        const offer = app.offer as { amount: string; currency: string };
        return { amount: new Dec(offer.amount).toFixed(), currency: offer.currency, subject: `Application ${app.id}` };
      },
      run: (ctx, a: { applicationId: string; idempotencyKey: string; disbursedAt?: string | null }) => d.origination.disburse(ctx, a.applicationId, a.idempotencyKey, a.disbursedAt),
    }),
  };
}
export type OriginationGuardedOperations = ReturnType<typeof originationGuardedOperations>;
