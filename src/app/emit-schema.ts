import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { createResolvers, createServices, permissionMaps } from './composition';
import { buildServedSchema } from './http/app';
import { buildGraphQLSchema, printSortedSchema } from '../platform/graphql/schema';
import { describeRules, mergeRuleMaps } from '../platform/graphql/permissions';

const services = () => {
  const none = (): never => {
    throw new Error('no database or queue while emitting the schema');
  };
  return createServices(loadConfig({ NODE_ENV: 'test' }), none, none);
};

/** Writes schema/schema.graphql from the code (`npm run schema:emit`). A test fails when it drifts. */
export async function emittedSchema(): Promise<string> {
  return printSortedSchema(await buildServedSchema({ services: services() }));
}

type RootRule = string[] | 'AUTHENTICATED' | 'ANYONE';

/**
 * The roles each root operation admits, for front-ends to show only what a role can use (the
 * console's menus): the roles a `hasRole(...)` names, AUTHENTICATED for any signed-in caller,
 * ANYONE for public operations. Written beside the schema; the server still decides every call.
 */
export async function emittedPermissions(): Promise<string> {
  const s = services();
  const rules = describeRules(mergeRuleMaps(await buildGraphQLSchema(createResolvers(s)), permissionMaps));
  const root = (name: 'Query' | 'Mutation'): Record<string, RootRule> => {
    const fields = rules[name] as Record<string, string>;
    return Object.fromEntries(Object.entries(fields).filter(([f]) => f !== '*').map(([f, rule]): [string, RootRule] => {
      const roles = [...rule.matchAll(/hasRole\(([A-Z_|]+)\)/g)].flatMap((m) => m[1].split('|'));
      if (roles.length) return [f, [...new Set(roles)].sort()];
      return [f, rule === 'true()' || rule === 'allow' ? 'ANYONE' : 'AUTHENTICATED'];
    }));
  };
  return `${JSON.stringify({ Query: root('Query'), Mutation: root('Mutation') }, null, 2)}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');
export const PERMISSIONS_FILE = path.resolve(__dirname, '..', '..', 'schema', 'permissions.json');

if (require.main === module) {
  void (async () => {
    writeFileSync(SCHEMA_FILE, await emittedSchema());
    writeFileSync(PERMISSIONS_FILE, await emittedPermissions());
    process.stdout.write(`wrote ${SCHEMA_FILE} and ${PERMISSIONS_FILE}\n`);
  })();
}
