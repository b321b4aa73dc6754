import type { RequestContext } from '../tenancy/request-context';
import type { TenantTransaction } from '../tenancy/tenant-transaction';
import type { RequestLoaders } from './loaders';

/** The GraphQL context: the request context plus per-request DataLoaders. */
export interface GraphQLContext {
  ctx: RequestContext;
  loaders: RequestLoaders;
  /** The request's transaction, finished by the transaction plugin. */
  transaction: TenantTransaction;
}
