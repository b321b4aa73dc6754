import DataLoader from 'dataloader';
import type { RequestContext } from '../tenancy/request-context';

/**
 * A batch read a module declares once (e.g. staff users by id): given the request and the keys
 * gathered in one tick, the values in the keys' order.
 */
export interface LoaderDefinition<K, V> {
  readonly name: string;
  batch(ctx: RequestContext, keys: readonly K[]): Promise<V[]>;
}

/**
 * The request's DataLoaders, one per definition, made on first use. They live for one request,
 * inside its tenant transaction, so caching never crosses callers; modules declare their
 * definitions beside their entities and the platform knows none of them.
 */
export class RequestLoaders {
  private readonly made = new Map<LoaderDefinition<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly ctx: RequestContext) {}

  load<K, V>(definition: LoaderDefinition<K, V>, key: K): Promise<V> {
    let loader = this.made.get(definition as LoaderDefinition<unknown, unknown>) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => definition.batch(this.ctx, keys));
      this.made.set(definition as LoaderDefinition<unknown, unknown>, loader as DataLoader<unknown, unknown>);
    }
    return loader.load(key);
  }
}
