import { rule } from 'graphql-shield';
import type { Role } from '../tenancy/roles';
import type { GraphQLContext } from './context';

/** Any verified caller. */
export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, { ctx }: GraphQLContext) => ctx.isAuthenticated,
);

type Rule = ReturnType<ReturnType<typeof rule>>;
const roleRules = new Map<string, Rule>();

/** The caller holds at least one of `roles`. Rules are shared by name so the rule map reads well. */
export function hasRole(...roles: Role[]): Rule {
  const name = `hasRole(${[...roles].sort().join('|')})`;
  let r = roleRules.get(name);
  if (!r) {
    r = rule(name, { cache: 'contextual' })((_parent, _args, { ctx }: GraphQLContext) => ctx.hasRole(...roles));
    roleRules.set(name, r);
  }
  return r;
}
