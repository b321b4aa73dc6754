import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/** Builds the code-first schema from resolver instances (type-graphql resolves classes to these). */
export async function buildGraphQLSchema(resolvers: object[]): Promise<GraphQLSchema> {
  const byClass = new Map<unknown, object>(resolvers.map((r) => [r.constructor, r]));
  return buildSchema({
    resolvers: resolvers.map((r) => r.constructor) as unknown as [Function, ...Function[]],
    container: { get: (cls: unknown) => byClass.get(cls) },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // Subscriptions bring their own `subscribe` (the event stream, fed by Postgres NOTIFY), but
    // type-graphql insists on a PubSub: this one refuses topic-based use rather than silently drop.
    pubSub: {
      publish: () => {
        throw new Error('topic pub/sub is not used: subscriptions read the event stream');
      },
      subscribe: () => {
        throw new Error('topic pub/sub is not used: subscriptions read the event stream');
      },
    },
  });
}

/** The committed form of the schema: sorted, so the file only changes when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
