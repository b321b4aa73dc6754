/** The signed-in staff member: the bearer token `login` returned, its tenant and when it expires (kept for the browser tab only). */
export interface Session {
  token: string;
  tenantSlug: string;
  email: string;
  expiresAt: string;
}

const KEY = 'microlend.console.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const s = JSON.parse(raw) as Session;
  return Date.parse(s.expiresAt) > Date.now() ? s : null;
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}
