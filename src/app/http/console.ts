import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/**
 * The lender console at /console, from its build: hashed assets cached for a year, the page itself
 * never (a new build is seen at once). It talks to /graphql like any tenant's front-end. Without a
 * build, /console says how to make one.
 */
export function mountConsole(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  app.use('/console/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.get(['/console', '/console/'], (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run console:build`.\n');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  app.get('/', (_req, res) => res.redirect(302, '/console/'));
}
