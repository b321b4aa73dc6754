import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/** Builds the code-first schema from resolver instances (type-graphql resolves classes to these). */
export async function buildGraphQLSchema(resolvers: object[]): Promise<GraphQLSchema> {
  const byClass = new Map<unknown, object>(resolvers.map((r) => [r.constructor, r]));
  plainFieldsReadTheirProperty();
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

/**
 * A field without a resolver of its own reads its property with graphql-js's default resolver.
 * type-graphql would wrap each one in its middleware runner, which here runs nothing: the shield
 * authorises (see permissions.ts), and no field has type-graphql middlewares or roles (refused here,
 * since this would skip them). On a page of 50 loans that runner was a tenth of the execution.
 */
function plainFieldsReadTheirProperty(): void {
  const storage = getMetadataStorage();
  const wrapped = storage.fields.filter((f) => f.middlewares?.length || f.roles?.length);
  if (wrapped.length) {
    throw new Error(`type-graphql middlewares or @Authorized on ${wrapped.map((f) => `${f.target.name}.${f.name}`).join(', ')}: authorise with the shield instead`);
  }
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) type.simpleResolvers ??= true;
}
