import { In } from 'typeorm';
import type { LoaderDefinition } from '../../platform/graphql/loaders';
import { LoanProductVersionEntity } from './loan-product.entity';

/** All versions of each product, oldest first, batched per request. */
export const PRODUCT_VERSIONS: LoaderDefinition<string, LoanProductVersionEntity[]> = {
  name: 'productVersions',
  async batch(ctx, productIds) {
    const rows = await (await ctx.db()).getRepository(LoanProductVersionEntity).find({ where: { productId: In([...productIds]) }, order: { version: 'ASC' } });
    return productIds.map((id) => rows.filter((r) => r.productId === id));
  },
};
