import { type GraphQLObjectType, defaultFieldResolver, isObjectType } from 'graphql';
import { allow } from 'graphql-shield';
import { createResolvers, createServices, permissionMaps } from '../../app/composition';
import { loadConfig } from '../../config/config';
import { buildServedSchema } from '../../app/http/app';
import { buildGraphQLSchema } from './schema';
import { describeRules, effectiveRule, mergeRuleMaps, shieldMiddleware } from './permissions';

async function ruleMap() {
  const none = (): never => {
    throw new Error('unused');
  };
  const schema = await buildGraphQLSchema(createResolvers(createServices(loadConfig({ NODE_ENV: 'test' }), none, none)));
  return { schema, rules: mergeRuleMaps(schema, permissionMaps) };
}

describe('permissions (graphql-shield, deny by default)', () => {
  it('matches the reviewed rule map: every permission change shows up here', async () => {
    const { rules } = await ruleMap();
    expect(describeRules(rules)).toMatchSnapshot();
  });

  it('names a rule for every root field and every object type, so nothing falls through to the default by accident', async () => {
    const { schema, rules } = await ruleMap();
    const r = rules as Record<string, unknown>;
    for (const root of ['Query', 'Mutation']) {
      const fields = Object.keys(schema.getType(root) && isObjectType(schema.getType(root)) ? (schema.getType(root) as any).getFields() : {});
      for (const f of fields) expect({ field: `${root}.${f}`, ruled: Boolean((r[root] as Record<string, unknown>)?.[f]) }).toEqual({ field: `${root}.${f}`, ruled: true });
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
      expect({ type: type.name, ruled: Boolean(r[type.name]) }).toEqual({ type: type.name, ruled: true });
    }
  });
});

describe('shield middleware: rules stay on the fields that have them, not on allowed leaves', () => {
  const context = (...roles: string[]) => ({ ctx: { isAuthenticated: true, hasRole: (...r: string[]) => r.some((x) => roles.includes(x)) } });

  it('wraps exactly the fields whose rule is not allow: root fields, privacy rules and every deny fallback', async () => {
    const { schema, rules } = await ruleMap();
    const wrapped = shieldMiddleware(schema, rules) as Record<string, Record<string, unknown>>;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) {
        const ruled = effectiveRule(rules, type.name, field) !== allow;
        expect({ field: `${type.name}.${field}`, wrapped: Boolean(wrapped[type.name]?.[field]) }).toEqual({ field: `${type.name}.${field}`, wrapped: ruled });
      }
    }
    // The list's scalar leaves are not wrapped; the field-level privacy rules are.
    for (const leaf of ['id', 'status', 'principal', 'annualRate', 'currency', 'dpd', 'bucket', 'borrowerId', 'productId', 'nextDueDate']) expect(wrapped.Loan?.[leaf]).toBeUndefined();
    expect(wrapped.LoanConnection).toBeUndefined();
    for (const [type, field] of [['Loan', 'agentId'], ['Loan', 'journal'], ['Application', 'adverseActionReasons'], ['Application', 'votes'], ['Application', 'decision'], ['ApplicationEvent', 'actorId'], ['Offer', 'grade'], ['Query', 'loans']]) {
      expect({ field: `${type}.${field}`, wrapped: Boolean(wrapped[type]?.[field]) }).toEqual({ field: `${type}.${field}`, wrapped: true });
    }
  });

  it('in the served schema a hidden field still answers FORBIDDEN to a borrower, and an allowed leaf resolves without the shield', async () => {
    const none = (): never => {
      throw new Error('unused');
    };
    const served = await buildServedSchema({ services: createServices(loadConfig({ NODE_ENV: 'test' }), none, none) });
    const loan = served.getType('Loan') as GraphQLObjectType;
    const application = served.getType('Application') as GraphQLObjectType;
    const parent = { id: 'l1', agentId: 'agent-7', votes: [{ comment: 'secret' }] };
    // A plain field has graphql-js's default resolver, which reads the property info names.
    const resolve = (type: GraphQLObjectType, field: string, roles: string[]) => (type.getFields()[field].resolve ?? defaultFieldResolver)(parent, {}, context(...roles), { fieldName: field } as never);

    const hidden = await resolve(loan, 'agentId', ['BORROWER']);
    expect(hidden).toBeInstanceOf(Error);
    expect((hidden as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
    expect(await resolve(loan, 'agentId', ['SERVICER'])).toBe('agent-7');
    const votes = await resolve(application, 'votes', ['BORROWER']);
    expect((votes as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
    // No middleware: the value itself, not a promise of it.
    expect(resolve(loan, 'id', ['BORROWER'])).toBe('l1');
  });
});
