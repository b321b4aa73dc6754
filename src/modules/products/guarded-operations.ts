import { guarded } from '../approvals';
import type { LoanProductService } from './loan-product.service';

/** The product change under four-eyes: a revision (no amount). */
export function productGuardedOperations(d: { products: LoanProductService }) {
  return {
    reviseLoanProduct: guarded('reviseLoanProduct', {
      async measure(ctx, a: { id: string; input: unknown }) {
        const product = await d.products.byIdOrThrow(ctx, a.id);
        return { amount: null, currency: null, subject: `Loan product ${product.code}` };
      },
      run: (ctx, a: { id: string; input: unknown }) => d.products.revise(ctx, a.id, a.input),
    }),
  };
}
export type ProductGuardedOperations = ReturnType<typeof productGuardedOperations>;
