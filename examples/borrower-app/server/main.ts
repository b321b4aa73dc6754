import path from 'node:path';
import { createBackend } from './backend.ts';

/** `npm start`: the built app and its backend on PORT (4100), against the lender's API. */
const env = (name: string, fallback?: string): string => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is required (see README.md)`);
  return v;
};

const backend = createBackend({
  apiUrl: env('MICROLEND_URL', 'http://localhost:4000'),
  appKey: env('MICROLEND_APP_KEY'),
  sessionSecret: env('SESSION_SECRET'),
  brand: { name: env('BRAND_NAME', 'Pesa Loans'), colour: env('BRAND_COLOUR', '#0b6e4f'), locale: env('BRAND_LOCALE', 'en-KE') },
  stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? null,
  staticDir: path.join(import.meta.dirname, '..', 'dist'),
});
const port = Number(env('PORT', '4100'));
const server = backend.listen(port, () => console.log(`borrower app on http://localhost:${port}`));
backend.attach(server);
