import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestContext } from '../platform/tenancy/request-context';
import { StaffUserEntity } from './identity/staff-user.entity';
import { LoanProductVersionEntity } from './products/loan-product.entity';

/** DataLoaders live for one request, inside its tenant transaction, so caching never crosses callers. */
export interface Loaders {
  staffUser: DataLoader<string, StaffUserEntity | null>;
  /** All versions of a product, oldest first. */
  productVersions: DataLoader<string, LoanProductVersionEntity[]>;
}

export function createLoaders(ctx: RequestContext): Loaders {
  return {
    staffUser: new DataLoader(async (ids) => {
      const rows = await (await ctx.db()).getRepository(StaffUserEntity).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    productVersions: new DataLoader(async (productIds) => {
      const rows = await (await ctx.db()).getRepository(LoanProductVersionEntity).find({ where: { productId: In([...productIds]) }, order: { version: 'ASC' } });
      return productIds.map((id) => rows.filter((r) => r.productId === id));
    }),
  };
}
