import { LoanMathInputError } from '../../core/loan-math';
import { type ResolvedCap, pct } from '../../core/pricing/rate-cap';
import { AppError, badInput, registerErrorTranslator } from '../../platform/graphql/errors';

/** RATE_CAP_EXCEEDED: states the APR, the cap and where the cap comes from. */
export function rateCapExceeded(apr: string, cap: ResolvedCap, where?: Record<string, unknown>): AppError {
  return new AppError('RATE_CAP_EXCEEDED', `All-in APR ${pct(apr)} exceeds the cap of ${pct(cap.cap)} (${cap.description}) in ${cap.rule.jurisdiction}`, {
    apr,
    cap: cap.cap,
    capRule: cap.description,
    jurisdiction: cap.rule.jurisdiction,
    ...(where ? { at: where } : {}),
  });
}

// The pure loan maths refuses bad terms by naming the field; GraphQL callers see it under `input`.
registerErrorTranslator((error) => (error instanceof LoanMathInputError ? badInput(`input.${error.field}`, error.message) : undefined));
