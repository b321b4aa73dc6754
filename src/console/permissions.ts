import map from '../../schema/permissions.json';

/**
 * Which roles may call each root operation, as the server's permission map says (written with the
 * schema by `npm run schema:emit`). The console only hides what a role cannot use; the server decides.
 */
const rules = map as { Query: Record<string, string[] | 'AUTHENTICATED' | 'ANYONE'>; Mutation: Record<string, string[] | 'AUTHENTICATED' | 'ANYONE'> };

export function can(roles: readonly string[], root: 'Query' | 'Mutation', field: string): boolean {
  const rule = rules[root][field];
  if (!rule) return false;
  if (rule === 'ANYONE' || rule === 'AUTHENTICATED') return true;
  return rule.some((r) => roles.includes(r));
}
