/** The analytics module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { PortfolioSnapshots } from './portfolio-snapshot';
export type { FinancialAssumptionsService } from './financial-assumptions';
