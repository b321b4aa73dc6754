import { withoutNulls } from '../../platform/graphql/input';
import { guarded } from '../approvals';
import { zodToBadInput } from '../tenancy';
import type { DecisionConfigService } from './decision-config.service';
import { POLICY_SCHEMAS } from './policy-schemas';

/** Decision-configuration changes under four-eyes (no amount). */
export function decisionConfigGuardedOperations(d: { decisionConfigs: DecisionConfigService }) {
  return {
    activateDecisionConfig: guarded('activateDecisionConfig', {
      async measure(ctx, a: { id: string }) {
        const config = await d.decisionConfigs.byIdOrThrow(ctx, a.id);
        return { amount: null, currency: null, subject: `${config.kind} ${config.name} version ${config.version}` };
      },
      run: (ctx, a: { id: string }) => d.decisionConfigs.activate(ctx, a.id),
    }),
    setRiskAppetiteLimits: guarded('setRiskAppetiteLimits', {
      async measure(_ctx, a: { limits: unknown[] }) {
        const parsed = POLICY_SCHEMAS.RISK_APPETITE.safeParse(withoutNulls(a.limits));
        if (!parsed.success) throw zodToBadInput(parsed.error, 'limits');
        return { amount: null, currency: null, subject: 'Risk-appetite limits' };
      },
      run: (ctx, a: { limits: unknown[] }) => d.decisionConfigs.setPolicy(ctx, 'RISK_APPETITE', a.limits, 'limits'),
    }),
  };
}
export type DecisionConfigGuardedOperations = ReturnType<typeof decisionConfigGuardedOperations>;
