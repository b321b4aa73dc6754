import { type GraphQLSchema, isObjectType } from 'graphql';
import { allow, deny, shield } from 'graphql-shield';
import type { IMiddlewareFieldMap } from 'graphql-middleware';
import type { IRules, ShieldRule } from 'graphql-shield/typings/types';
import type { GraphQLContext } from './context';
import { forbidden, unauthenticated } from '../../core/domain-error';
import { fromDomain } from './errors';

type RuleMap = Record<string, ShieldRule | Record<string, ShieldRule>>;

/**
 * Merges the rule maps of every module. Root fields and object types must be named by a module;
 * only the structural Relay types (PageInfo, *Connection, *Edge) are allowed here, as they expose
 * nothing the parent field did not already allow.
 */
export function mergeRuleMaps(schema: GraphQLSchema, maps: RuleMap[]): IRules {
  const merged: Record<string, ShieldRule | Record<string, ShieldRule>> = {};
  for (const map of maps) {
    for (const [type, rules] of Object.entries(map)) {
      const existing = merged[type];
      if (existing && (typeof existing !== 'object' || typeof rules !== 'object' || 'resolve' in existing || 'resolve' in rules)) {
        throw new Error(`permission for ${type} is declared twice`);
      }
      merged[type] = existing ? { ...(existing as object), ...(rules as object) } : rules;
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (type.name === 'PageInfo' || type.name.endsWith('Connection') || type.name.endsWith('Edge')) merged[type.name] ??= allow;
  }
  return merged as IRules;
}

/** Unauthenticated callers learn they must authenticate; authenticated ones that they may not. */
function fallbackError(_thrown: unknown, _parent: unknown, _args: unknown, context: GraphQLContext): Promise<Error> {
  return Promise.resolve(fromDomain(context.ctx.isAuthenticated ? forbidden('Your role may not do this') : unauthenticated()));
}

/** graphql-shield, deny by default; coded domain errors thrown by resolvers pass through unchanged. */
export function buildShield(rules: IRules) {
  return shield(rules, {
    fallbackRule: deny,
    fallbackError: fallbackError as never,
    allowExternalErrors: true,
    debug: false,
  });
}

/**
 * The rule that guards `type.field`, as graphql-shield picks it: the field's own rule, else the
 * type's `'*'`, else the type's rule, else deny (the fallback).
 */
export function effectiveRule(rules: IRules, type: string, field: string): ShieldRule {
  const forType = (rules as Record<string, ShieldRule | Record<string, ShieldRule> | undefined>)[type];
  if (!forType) return deny;
  if ('resolve' in forType) return forType as ShieldRule;
  const map = forType as Record<string, ShieldRule>;
  return map[field] ?? map['*'] ?? deny;
}

/**
 * The shield as field middleware for `applyMiddleware`: only fields whose rule is not `allow` are
 * wrapped. graphql-shield wraps every field of the schema, and an `allow` wrapper does nothing but
 * turn each scalar of each row of a list into a promise (500 of them for a page of 50 loans with ten
 * fields); the outcome of every field is unchanged. Fields with a rule of their own (the field-level
 * privacy rules) and every field that falls back to deny keep their middleware.
 */
export function shieldMiddleware(schema: GraphQLSchema, rules: IRules): IMiddlewareFieldMap {
  const generated = buildShield(rules).generate(schema) as Record<string, Record<string, unknown>>;
  const wrapped: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(generated)) {
    for (const [field, middleware] of Object.entries(fields)) {
      if (effectiveRule(rules, type, field) === allow) continue;
      (wrapped[type] ??= {})[field] = middleware;
    }
  }
  return wrapped as IMiddlewareFieldMap;
}

/** A readable form of the rule map for the snapshot test: every permission change is reviewed there. */
export function describeRules(rules: IRules): Record<string, string | Record<string, string>> {
  const describe = (r: unknown): string => {
    const rule = r as { name?: string; rules?: unknown[]; constructor: { name: string } };
    if (rule.rules) return `${rule.constructor.name.replace(/^Rule/, '').toLowerCase()}(${rule.rules.map(describe).join(', ')})`;
    return rule.name ?? 'anonymous';
  };
  const out: Record<string, string | Record<string, string>> = {};
  for (const type of Object.keys(rules).sort()) {
    const value = (rules as Record<string, unknown>)[type];
    if (value && typeof value === 'object' && !('resolve' in (value as object)) && !('rules' in (value as object))) {
      out[type] = Object.fromEntries(Object.keys(value).sort().map((f) => [f, describe((value as Record<string, unknown>)[f])]));
    } else {
      out[type] = describe(value);
    }
  }
  return out;
}
