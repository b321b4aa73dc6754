/** The products module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { ProductFeeType, ProductRounding } from './dto/loan-product.type';
export type { LoanProductService } from './loan-product.service';
export { productCodeSchema, productTermsSchema } from './product-definition';
