import { type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context';

/**
 * The boundary closes each mutation's unit of work: when a root mutation field returns, the writes
 * its command staged (see RequestContext.writes) are sent, so a write that fails (a constraint, a
 * lost race) fails that mutation with its own error and path rather than the COMMIT.
 */
export function flushAfterMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (source, args, context: GraphQLContext, info) => {
      const result = await resolve(source, args, context, info);
      await context.ctx.flush();
      return result;
    };
  }
  return schema;
}
