import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

/**
 * The app's own small backend, the part a lender keeps on its side:
 * - holds the tenant's APP key (never sent to the browser) and uses it to create the borrower and
 *   mint short-lived borrower tokens (`mintBorrowerToken`), bound to the person by a signed cookie;
 * - passes /graphql (HTTP and the graphql-ws upgrade) through to the lender's microlend API, so the
 *   browser talks to one origin;
 * - serves the built app and its branding at /config.
 * A real deployment signs people in its own way (a one-time code to the phone, say) before /session/token.
 */
export interface BackendOptions {
  /** The microlend API's base URL, e.g. https://api.microlend.example (no trailing /graphql). */
  apiUrl: string;
  /** An APP API key of the lender's tenant. */
  appKey: string;
  /** Signs the session cookie: a long random secret of the deployment. */
  sessionSecret: string;
  brand: { name: string; colour: string; locale: string };
  stripePublishableKey: string | null;
  /** The built app (vite build); absent in development, where Vite serves it. */
  staticDir?: string;
}

const COOKIE = 'borrower_session';

export function createBackend(opts: BackendOptions): Express & { attach(server: Server): void } {
  const app = express();
  app.disable('x-powered-by');
  const api = new URL(opts.apiUrl);
  const sign = (value: string) => `${value}.${createHmac('sha256', opts.sessionSecret).update(value).digest('base64url')}`;
  const verify = (cookie: string | undefined): string | null => {
    if (!cookie) return null;
    const at = cookie.lastIndexOf('.');
    const value = cookie.slice(0, at);
    const expected = Buffer.from(sign(value));
    const given = Buffer.from(cookie);
    return expected.length === given.length && timingSafeEqual(expected, given) ? value : null;
  };
  const cookieOf = (req: IncomingMessage) => /(?:^|;\s*)borrower_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const setCookie = (res: Response, externalRef: string) =>
    res.cookie(COOKIE, sign(externalRef), { httpOnly: true, sameSite: 'strict', secure: api.protocol === 'https:', maxAge: 90 * 86_400_000, path: '/' });

  /** A call with the APP key, server to server. */
  async function asApp<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const res = await fetch(new URL('/graphql', api), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.appKey}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { field?: string } }[] };
    if (body.errors?.length) throw Object.assign(new Error(body.errors[0].message), { field: body.errors[0].extensions?.field ?? null });
    return body.data as T;
  }
  const mint = (externalRef: string, displayName?: string) =>
    asApp<{ mintBorrowerToken: { token: string; borrowerId: string; expiresAt: string } }>(
      'mutation($i: MintBorrowerTokenInput!) { mintBorrowerToken(input: $i) { token borrowerId expiresAt } }', { i: { externalRef, displayName } }).then((d) => d.mintBorrowerToken);

  app.get('/config', (_req, res) => void res.json({ brand: opts.brand, stripePublishableKey: opts.stripePublishableKey }));

  app.post('/session/signup', express.json(), async (req: Request, res: Response) => {
    const b = req.body as Record<string, string>;
    const externalRef = `app-${randomUUID()}`;
    try {
      await asApp('mutation($i: BorrowerInput!) { createBorrower(input: $i) { id } }', {
        i: {
          kind: 'INDIVIDUAL', segment: 'CONSUMER', externalRef, fullName: b.fullName, phone: b.phone, nationalId: b.nationalId, dateOfBirth: b.dateOfBirth,
          region: b.region, industry: b.industry, monthlyIncome: b.monthlyIncome, monthlyObligations: b.monthlyObligations || '0', locale: opts.brand.locale,
        },
      });
      const token = await mint(externalRef, b.fullName);
      setCookie(res, externalRef);
      res.json(token);
    } catch (e) {
      res.status(400).json({ message: (e as Error).message, field: (e as { field?: string }).field ?? null });
    }
  });

  app.post('/session/token', async (req: Request, res: Response) => {
    const externalRef = verify(cookieOf(req));
    if (!externalRef) return void res.status(401).json({ message: 'not signed up in this browser' });
    try { res.json(await mint(externalRef)); } catch (e) { res.status(502).json({ message: (e as Error).message }); }
  });

  // /graphql: passed through as is (the borrower's token rides in the Authorization header).
  app.use('/graphql', (req, res) => {
    const upstream = httpRequest({ hostname: api.hostname, port: api.port || 80, path: `/graphql${req.url === '/' ? '' : req.url}`, method: req.method, headers: { ...req.headers, host: api.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.status(502).end());
    req.pipe(upstream);
  });

  if (opts.staticDir) {
    app.use(express.static(opts.staticDir, { index: 'index.html' }));
    app.get('/{*any}', (_req, res) => res.sendFile(path.join(opts.staticDir!, 'index.html')));
  }

  return Object.assign(app, {
    /** graphql-ws: the upgrade request and then the socket's bytes, both ways, to the API. */
    attach(server: Server) {
      server.on('upgrade', (req, socket, head) => {
        if (!req.url?.startsWith('/graphql')) return socket.destroy();
        const upstream = connect(Number(api.port || 80), api.hostname, () => {
          const headers = Object.entries({ ...req.headers, host: api.host }).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\r\n');
          upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
          if (head.length) upstream.write(head);
          upstream.pipe(socket).pipe(upstream);
        });
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      });
    },
  });
}
