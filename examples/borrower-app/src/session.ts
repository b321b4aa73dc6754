/** The borrower's session: a short-lived API token from this app's backend, refreshed from its signed cookie. */
export interface Session { token: string; borrowerId: string; expiresAt: string }

async function post(path: string, body?: unknown): Promise<Session> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
  const json = await res.json();
  if (!res.ok) throw Object.assign(new Error(json.message ?? 'sign-up failed'), { field: json.field ?? null });
  return json as Session;
}

export const signUp = (details: Record<string, string>) => post('/session/signup', details);
/** A fresh token for the borrower the cookie names; null when nobody has signed up in this browser. */
export async function resume(): Promise<Session | null> {
  try { return await post('/session/token'); } catch { return null; }
}
