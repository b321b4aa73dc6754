import { type ComponentType, type ReactNode, lazy } from 'react';
import { can } from './permissions';

/**
 * Each page is its own chunk: the sign-in page loads only what it needs, and the pages' chunks are
 * fetched while the person signs in (prefetchPages), so the first page does not wait for its code.
 */
const loaders: (() => Promise<unknown>)[] = [];
function lazyPage<T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) {
  loaders.push(load);
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}
export const prefetchPages = (): void => loaders.forEach((load) => void load());
const AgentsPage = lazyPage(() => import('./pages/agents/agents-page'), 'AgentsPage');
const ApprovalsPage = lazyPage(() => import('./pages/approvals/approvals-page'), 'ApprovalsPage');
const ApplicationsPage = lazyPage(() => import('./pages/applications/applications-page'), 'ApplicationsPage');
const CollectionsPage = lazyPage(() => import('./pages/collections/collections-page'), 'CollectionsPage');
const DecisionsPage = lazyPage(() => import('./pages/decisions/decisions-page'), 'DecisionsPage');
const LoansPage = lazyPage(() => import('./pages/loans/loans-page'), 'LoansPage');
const PortfolioPage = lazyPage(() => import('./pages/portfolio/portfolio-page'), 'PortfolioPage');
const ProductsPage = lazyPage(() => import('./pages/products/products-page'), 'ProductsPage');
const SettingsPage = lazyPage(() => import('./pages/settings/settings-page'), 'SettingsPage');

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
  { path: '/approvals', label: 'nav.approvals', needs: [['Query', 'pendingApprovals']], element: <ApprovalsPage /> },
  { path: '/agents', label: 'nav.agents', needs: [['Query', 'agents']], element: <AgentsPage /> },
  { path: '/portfolio', label: 'nav.portfolio', needs: [['Query', 'portfolioSummary']], element: <PortfolioPage /> },
  { path: '/settings', label: 'nav.settings', needs: [['Query', 'apiKeys'], ['Query', 'staffUsers'], ['Query', 'webhookEndpoints'], ['Query', 'auditLog'], ['Query', 'cobRuns']], element: <SettingsPage /> },
];

export const pagesFor = (roles: readonly string[]): ConsolePage[] => PAGES.filter((p) => p.needs.some((need) => can(roles, ...need)));
