import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RequestContext } from '../tenancy/request-context';

/**
 * An entity's INSERT staged in the unit of work (see SqlBatch): sent with the transaction's next
 * statement rather than in a round trip of its own. Nothing is read back, so the entity must carry
 * every value it needs (its id, its timestamps); a failure (a unique key taken by a concurrent
 * insert) surfaces at that next statement, in the same transaction.
 */
export async function stageInsert<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>, entity: T): Promise<void> {
  const [sql, params] = (await ctx.db()).createQueryBuilder().insert().into(target).values(entity as QueryDeepPartialEntity<T>).updateEntity(false).getQueryAndParameters();
  ctx.writes.add(sql, params);
}
