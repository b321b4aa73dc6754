import { createContext, useContext } from 'react';

/** Who is signed in: their roles (what the menus offer) and their lender (locale, currency, time zone). */
export interface ViewerInfo {
  roles: string[];
  tenant: { name: string; slug: string; locale: string; baseCurrency: string; timezone: string };
}

export const ViewerContext = createContext<ViewerInfo | null>(null);

export function useViewer(): ViewerInfo {
  const v = useContext(ViewerContext);
  if (!v) throw new Error('useViewer outside the signed-in shell');
  return v;
}
