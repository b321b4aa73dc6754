/** The loans module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { CreditLineService } from './credit-line.service';
export type { LoanBookingService } from './loan-booking.service';
export { checkSettlementTerms, unpaidOf } from './loan-servicing.service';
export type { LoanServicingService, SettlementRow } from './loan-servicing.service';
export { LoanEntity } from './loan.entity';
export { servicingTermsOf } from './servicing-terms';
export { LoanType } from './dto/loan.type';
export { toLoanType } from './loan.mapper';
