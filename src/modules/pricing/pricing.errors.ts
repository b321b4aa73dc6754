import { type ResolvedCap, pct } from '../../core/pricing/rate-cap';
import { DomainError } from '../../core/domain-error';

/** RATE_CAP_EXCEEDED: states the APR, the cap and where the cap comes from. */
export function rateCapExceeded(apr: string, cap: ResolvedCap, where?: Record<string, unknown>): DomainError {
  return new DomainError('RATE_CAP_EXCEEDED', `All-in APR ${pct(apr)} exceeds the cap of ${pct(cap.cap)} (${cap.description}) in ${cap.rule.jurisdiction}`, {
    apr,
    cap: cap.cap,
    capRule: cap.description,
    jurisdiction: cap.rule.jurisdiction,
    ...(where ? { at: where } : {}),
  });
}
