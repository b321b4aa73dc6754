import type { ReactNode } from 'react';
import { can } from './permissions';
import { ProductsPage } from './pages/products/products-page';

/** The console's pages, each shown to the roles that may call the operation it is built on. */
export interface ConsolePage {
  path: string;
  label: string;
  /** The root operation the page reads: the menu shows the page when the viewer's roles may call it. */
  needs: ['Query' | 'Mutation', string];
  element: ReactNode;
}

export const PAGES: ConsolePage[] = [
  { path: '/products', label: 'nav.products', needs: ['Query', 'loanProducts'], element: <ProductsPage /> },
];

export const pagesFor = (roles: readonly string[]): ConsolePage[] => PAGES.filter((p) => can(roles, ...p.needs));
