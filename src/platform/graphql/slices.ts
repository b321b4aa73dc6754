import { setImmediate } from 'node:timers/promises';
import { type GraphQLSchema, isObjectType } from 'graphql';

/**
 * A long list as GraphQL should render it without holding the event loop: the first `size` items
 * as they are, each later slice a promise that settles one turn of the event loop after the slice
 * before. graphql-js completes an item when it settles, so it renders the list a slice per turn and
 * other requests run in between (rendering 850 schedule rows of seven fields is some 12 ms of CPU
 * in one piece otherwise). The answer and its cost are the same; only the waiting is shared.
 */
export function inSlices<T>(items: readonly T[], size = 50): (T | Promise<T>)[] {
  if (items.length <= size) return [...items];
  const out: (T | Promise<T>)[] = items.slice(0, size);
  let turn: Promise<unknown> = Promise.resolve();
  for (let start = size; start < items.length; start += size) {
    turn = turn.then(() => setImmediate());
    const ready = turn;
    for (let i = start; i < Math.min(start + size, items.length); i++) out.push(ready.then(() => items[i]));
  }
  return out;
}

/**
 * Makes the fields that declare a cost of their own (a `complexity` beside the resolver: previews,
 * simulations, replays) take turns within a request, each starting on a fresh turn of the event loop
 * once the one before it has resolved. Without it, the 30 aliases of one document run back to back in
 * one piece whenever their lookups are cached (started together, they would also all wake on the same
 * turn); with it, other requests get the loop between any two of them. Changes the schema's resolvers
 * in place; returns the schema.
 */
export function yieldBeforeCostlyFields(schema: GraphQLSchema): GraphQLSchema {
  // The last costly field started by each request (its context), which the next one waits for.
  const last = new WeakMap<object, Promise<unknown>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.extensions?.complexity === undefined) continue;
      field.resolve = (source, args, context, info) => {
        const key = typeof context === 'object' && context !== null ? (context as object) : last;
        const run = (last.get(key) ?? Promise.resolve())
          .then(() => setImmediate())
          .then(() => resolve(source, args, context, info));
        last.set(key, run.catch(() => undefined));
        return run;
      };
    }
  }
  return schema;
}
