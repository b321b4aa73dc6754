import { type ReactNode, lazy } from 'react';
import { can } from './permissions';

/** Each page is its own chunk, fetched when first opened: the sign-in page loads only what it needs. */
const AgentsPage = lazy(() => import('./pages/agents/agents-page').then((m) => ({ default: m.AgentsPage })));
const ApplicationsPage = lazy(() => import('./pages/applications/applications-page').then((m) => ({ default: m.ApplicationsPage })));
const CollectionsPage = lazy(() => import('./pages/collections/collections-page').then((m) => ({ default: m.CollectionsPage })));
const DecisionsPage = lazy(() => import('./pages/decisions/decisions-page').then((m) => ({ default: m.DecisionsPage })));
const LoansPage = lazy(() => import('./pages/loans/loans-page').then((m) => ({ default: m.LoansPage })));
const PortfolioPage = lazy(() => import('./pages/portfolio/portfolio-page').then((m) => ({ default: m.PortfolioPage })));
const ProductsPage = lazy(() => import('./pages/products/products-page').then((m) => ({ default: m.ProductsPage })));
const SettingsPage = lazy(() => import('./pages/settings/settings-page').then((m) => ({ default: m.SettingsPage })));

/** The console's pages, each shown to the roles that may call the operation it is built on. */
export interface ConsolePage {
  path: string;
  label: string;
  /** The root operations the page reads: the menu shows the page when the viewer's roles may call any of them. */
  needs: ['Query' | 'Mutation', string][];
  element: ReactNode;
}

export const PAGES: ConsolePage[] = [
  { path: '/products', label: 'nav.products', needs: [['Query', 'loanProducts']], element: <ProductsPage /> },
  { path: '/decisions', label: 'nav.decisions', needs: [['Query', 'decisionConfigs']], element: <DecisionsPage /> },
  { path: '/applications', label: 'nav.applications', needs: [['Query', 'applications']], element: <ApplicationsPage /> },
  { path: '/loans', label: 'nav.loans', needs: [['Query', 'loans']], element: <LoansPage /> },
  { path: '/collections', label: 'nav.collections', needs: [['Query', 'collectionCase']], element: <CollectionsPage /> },
  { path: '/agents', label: 'nav.agents', needs: [['Query', 'agents']], element: <AgentsPage /> },
  { path: '/portfolio', label: 'nav.portfolio', needs: [['Query', 'portfolioSummary']], element: <PortfolioPage /> },
  { path: '/settings', label: 'nav.settings', needs: [['Query', 'apiKeys'], ['Query', 'staffUsers'], ['Query', 'webhookEndpoints'], ['Query', 'auditLog'], ['Query', 'cobRuns']], element: <SettingsPage /> },
];

export const pagesFor = (roles: readonly string[]): ConsolePage[] => PAGES.filter((p) => p.needs.some((need) => can(roles, ...need)));
