import type { ReactNode } from 'react';
import { can } from './permissions';
import { AgentsPage } from './pages/agents/agents-page';
import { ApplicationsPage } from './pages/applications/applications-page';
import { CollectionsPage } from './pages/collections/collections-page';
import { DecisionsPage } from './pages/decisions/decisions-page';
import { LoansPage } from './pages/loans/loans-page';
import { PortfolioPage } from './pages/portfolio/portfolio-page';
import { ProductsPage } from './pages/products/products-page';
import { SettingsPage } from './pages/settings/settings-page';

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
