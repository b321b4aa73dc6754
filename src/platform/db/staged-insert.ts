import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RequestContext } from '../tenancy/request-context';

/**
 * An entity's INSERT staged in the unit of work (see SqlBatch): sent with the transaction's next
 * statement rather than in a round trip of its own. Nothing is read back, so the entity must carry
 * every value it needs (its id, its timestamps); a failure (a unique key taken by a concurrent
 * insert) surfaces at that next statement, in the same transaction.
 */
export async function stageInsert<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>, entity: T): Promise<void> {
  const [sql, params] = insertOf(await ctx.db(), target, entity);
  ctx.writes.add(sql, params);
}

/** INSERT texts by entity and shape (which columns go as DEFAULT): TypeORM writes each once. */
const texts = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The INSERT of `entity` as TypeORM writes it, its text built by TypeORM once per entity and shape
 * and its parameters as TypeORM prepares them (the driver's persistent value of each column; a column
 * left undefined is DEFAULT). Building the statement through the query builder on every call cost
 * about a twelfth of a decision's time in Node. A column TypeORM fills itself (a version, a
 * discriminator, a uuid it generates) or a value given as SQL goes through the query builder as before.
 */
export function insertOf<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, entity: T): [string, unknown[]] {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const params: unknown[] = [];
  let shape = '';
  for (const column of insertedColumns(metadata)) {
    const raw = column.getEntityValue(entity);
    if (typeof raw === 'function' || column.isVersion || column.isDiscriminator || (column.isGenerated && column.generationStrategy === 'uuid')) return typeormInsert(em, target, entity);
    const value = driver.preparePersistentValue(raw, column);
    if (value === undefined) {
      shape += 'd';
    } else {
      shape += 'p';
      params.push(value);
    }
  }
  let byShape = texts.get(metadata);
  if (!byShape) texts.set(metadata, (byShape = new Map()));
  let sql = byShape.get(shape);
  if (sql === undefined) {
    sql = typeormInsert(em, target, entity)[0];
    byShape.set(shape, sql);
  }
  return [sql, params];
}

/** The columns TypeORM's INSERT names (InsertQueryBuilder.getInsertedColumns, no columns chosen). */
function insertedColumns(metadata: EntityMetadata): ColumnMetadata[] {
  return metadata.columns.filter((c) => c.isInsert && !(c.isGenerated && c.generationStrategy === 'increment'));
}

function typeormInsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, entity: T): [string, unknown[]] {
  return em.createQueryBuilder().insert().into(target).values(entity as QueryDeepPartialEntity<T>).updateEntity(false).getQueryAndParameters();
}
