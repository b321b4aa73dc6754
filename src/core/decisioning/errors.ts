/** One problem in a tenant's decisioning configuration, at a dotted path such as `attributes[2].bins[0].max`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A scorecard or rule set that fails validation reached the evaluator. Configuration is validated
 * when a tenant saves it, so this signals a bypass or a stale row; scoring it anyway could silently
 * hand out missing-value points for a gap in the bins.
 */
export class InvalidDecisionConfigError extends Error {
  /** Stable machine code for the error mapper. */
  readonly code = 'DECISION_CONFIG_INVALID';

  constructor(
    readonly kind: 'SCORECARD' | 'RULE_SET',
    readonly issues: ConfigIssue[],
  ) {
    super(`Invalid ${kind === 'SCORECARD' ? 'scorecard' : 'rule set'}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidDecisionConfigError';
  }
}
