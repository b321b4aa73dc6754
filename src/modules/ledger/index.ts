/** The ledger module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { LedgerService } from './ledger.service';
