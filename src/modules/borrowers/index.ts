/** The borrowers module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { borrowerSchema } from './borrower-definition';
export type { BorrowerService } from './borrower.service';
export { BorrowerInput } from './dto/borrower.type';
export { BorrowerType } from './dto/borrower.type';
