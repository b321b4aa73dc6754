/**
 * Which events an endpoint wants: an empty list means all; otherwise exact types
 * (`loan.repayment_posted`) or a subject wildcard (`loan.*`); `*` is everything.
 */
export function matchesEventTypes(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** A pattern a tenant may register: `*`, `<subject>.*` or a full type, lower snake case. */
export function isEventTypePattern(p: string): boolean {
  return p === '*' || /^[a-z_]+(\.[a-z_]+)*\.(\*|[a-z_]+)$/.test(p);
}
