import { isObjectType } from 'graphql';
import { createResolvers, createServices, permissionMaps } from '../../modules';
import { loadConfig } from '../../config/config';
import { buildGraphQLSchema } from './schema';
import { describeRules, mergeRuleMaps } from './permissions';

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
