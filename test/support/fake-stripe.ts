import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers the real `stripe` SDK in Stripe's wire format: form-encoded
 * request bodies (`metadata[loan_id]=…`, `list[0]=…`), JSON objects with `id` and `object`, the
 * error envelope `{ error: { type, code, decline_code, message } }` (402 for a declined card), and
 * idempotency like Stripe's: a repeated `Idempotency-Key` replays the stored response (same status,
 * `Idempotent-Replayed: true`), the same key with other parameters is a 400 `idempotency_error`.
 *
 * Routes live in a table (`route(method, pattern, handler)`), so another endpoint is one line; a
 * route added later wins over an earlier one for the same path (a spec overriding `/v1/transfers`),
 * and a handler may be async (a spec looking at the database while the call is in flight).
 * Test-controlled behaviour: a payment method in `declines` (by default `pm_card_chargeDeclined`)
 * declines with its decline code; `succeed(piId)` plays the customer confirming on the client.
 */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  body: Record<string, any>;
  idempotencyKey: string | null;
  apiKey: string | null;
  stripeAccount: string | null;
}

export interface StripeAnswer {
  status: number;
  body: Record<string, unknown>;
}

type Handler = (req: StripeRequest) => StripeAnswer | Promise<StripeAnswer>;

export interface FakeStripe {
  /** `{ host, port, protocol }` for `new Stripe(key, …)`, and the env that points the app at it. */
  api: { host: string; port: number; protocol: 'http' };
  env: Record<string, string>;
  /** Every request received, in order (replays included). */
  requests: StripeRequest[];
  paymentIntents: Map<string, Record<string, any>>;
  /** payment method id -> decline code; confirming with it answers 402. */
  declines: Map<string, string>;
  route(method: string, pattern: string, handler: Handler): void;
  /** The customer confirms a PaymentIntent client-side and it succeeds: returns the updated object. */
  succeed(piId: string): Record<string, any>;
  /** The customer's attempt on a PaymentIntent fails (it stays open for another method). */
  fail(piId: string, declineCode?: string): Record<string, any>;
  /** An event envelope as Stripe sends it to a webhook endpoint. */
  event(type: string, object: Record<string, unknown>, opts?: { id?: string; created?: number }): Record<string, unknown>;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}): StripeAnswer => ({ status, body: { error: { type, message, ...extra } } });

/** Parses Stripe's form encoding (`a[b][0]=x`) into nested objects and arrays. */
export function parseStripeForm(raw: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: any = out;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
      const k: string | number = Array.isArray(node) ? Number(segment) : segment;
      if (last) node[k] = value;
      else node = node[k] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

function declineMessage(code: string): string {
  return code === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.';
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const routes: { method: string; re: RegExp; names: string[]; handler: Handler }[] = [];
  const replay = new Map<string, { hash: string; answer: StripeAnswer }>();
  const requests: StripeRequest[] = [];
  const paymentIntents = new Map<string, Record<string, any>>();
  const refunds = new Map<string, Record<string, any>>();
  const declines = new Map<string, string>([['pm_card_chargeDeclined', 'generic_decline'], ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds']]);

  const route = (method: string, pattern: string, handler: Handler) => {
    const names: string[] = [];
    const re = new RegExp(`^${pattern.replace(/:([a-z_]+)/g, (_m, n) => { names.push(n); return '([^/]+)'; })}$`);
    routes.push({ method, re, names, handler });
  };

  /** Charges a PaymentIntent with a payment method: succeeded, or the 402 a decline answers. */
  const attempt = (pi: Record<string, any>, paymentMethod: string | undefined): StripeAnswer => {
    const method = paymentMethod ?? pi.payment_method;
    if (!method) return error(400, 'invalid_request_error', 'You must provide a payment method to confirm this PaymentIntent.', { code: 'parameter_missing', param: 'payment_method' });
    pi.payment_method = method;
    const charge = id('ch');
    const declineCode = declines.get(method);
    if (declineCode) {
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: declineMessage(declineCode), charge, payment_method: { id: method, object: 'payment_method' } };
      return error(402, 'card_error', declineMessage(declineCode), { code: 'card_declined', decline_code: declineCode, charge, payment_intent: { ...pi } });
    }
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.latest_charge = charge;
    pi.last_payment_error = null;
    return { status: 200, body: pi };
  };

  route('POST', '/v1/payment_intents', (req) => {
    const b = req.body;
    if (!b.amount || !/^\d+$/.test(b.amount) || Number(b.amount) <= 0) return error(400, 'invalid_request_error', 'Invalid positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
    if (!b.currency) return error(400, 'invalid_request_error', 'Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    const pi: Record<string, any> = {
      id: id('pi'), object: 'payment_intent', amount: Number(b.amount), amount_received: 0, currency: b.currency, status: 'requires_payment_method',
      client_secret: '', customer: b.customer ?? null, payment_method: b.payment_method ?? null, description: b.description ?? null,
      payment_method_types: b.allowed_payment_method_types ?? ['card'], metadata: b.metadata ?? {}, latest_charge: null, last_payment_error: null,
      off_session: b.off_session ?? null, created: now(), livemode: false,
    };
    pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString('hex')}`;
    paymentIntents.set(pi.id, pi);
    return b.confirm === 'true' ? attempt(pi, b.payment_method) : { status: 200, body: pi };
  });
  route('GET', '/v1/payment_intents/:id', (req) => {
    const pi = paymentIntents.get(req.params.id);
    return pi ? { status: 200, body: pi } : error(404, 'invalid_request_error', `No such payment_intent: '${req.params.id}'`, { code: 'resource_missing', param: 'intent' });
  });
  route('POST', '/v1/payment_intents/:id/confirm', (req) => {
    const pi = paymentIntents.get(req.params.id);
    if (!pi) return error(404, 'invalid_request_error', `No such payment_intent: '${req.params.id}'`, { code: 'resource_missing' });
    if (pi.status === 'succeeded') return error(400, 'invalid_request_error', 'This PaymentIntent has already succeeded.', { code: 'payment_intent_unexpected_state' });
    return attempt(pi, req.body.payment_method);
  });
  route('POST', '/v1/refunds', (req) => {
    const pi = paymentIntents.get(req.body.payment_intent);
    if (!pi) return error(400, 'invalid_request_error', `No such payment_intent: '${req.body.payment_intent}'`, { code: 'resource_missing', param: 'payment_intent' });
    if (pi.status !== 'succeeded') return error(400, 'invalid_request_error', 'This PaymentIntent does not have a successful charge to refund.', { code: 'charge_not_refundable' });
    const already = [...refunds.values()].filter((r) => r.payment_intent === pi.id).reduce((acc, r) => acc + r.amount, 0);
    const amount = req.body.amount ? Number(req.body.amount) : pi.amount_received - already;
    if (amount <= 0 || amount + already > pi.amount_received) return error(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${pi.amount_received - already})`, { code: 'amount_too_large', param: 'amount' });
    const refund = { id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, charge: pi.latest_charge, status: 'succeeded', reason: req.body.reason ?? null, metadata: req.body.metadata ?? {}, created: now() };
    refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  });
  route('POST', '/v1/transfers', (req) => {
    const b = req.body;
    if (!b.destination || !String(b.destination).startsWith('acct_')) return error(400, 'invalid_request_error', 'No such destination', { code: 'resource_missing', param: 'destination' });
    return { status: 200, body: { id: id('tr'), object: 'transfer', amount: Number(b.amount), currency: b.currency, destination: b.destination, transfer_group: b.transfer_group ?? null, metadata: b.metadata ?? {}, reversed: false, created: now(), livemode: false } };
  });
  route('POST', '/v1/billing/meter_events', (req) => {
    const b = req.body;
    if (!b.event_name || !b.payload) return error(400, 'invalid_request_error', 'Missing required param: event_name or payload.', { code: 'parameter_missing' });
    return { status: 200, body: { object: 'billing.meter_event', event_name: b.event_name, identifier: b.identifier ?? id('mev'), payload: b.payload, timestamp: Number(b.timestamp ?? now()), created: now(), livemode: false } };
  });

  const handle = async (msg: IncomingMessage, raw: string): Promise<StripeAnswer & { replayed?: boolean }> => {
    const url = new URL(msg.url ?? '/', 'http://fake-stripe');
    const auth = /^Bearer (\S+)$/.exec(msg.headers.authorization ?? '');
    const req: StripeRequest = {
      method: msg.method ?? 'GET', path: url.pathname, params: {}, body: parseStripeForm(msg.method === 'GET' ? url.search.slice(1) : raw),
      idempotencyKey: (msg.headers['idempotency-key'] as string | undefined) ?? null, apiKey: auth?.[1] ?? null, stripeAccount: (msg.headers['stripe-account'] as string | undefined) ?? null,
    };
    requests.push(req);
    if (!req.apiKey) return error(401, 'invalid_request_error', 'You did not provide an API key.');
    const match = [...routes].reverse().find((r) => r.method === req.method && r.re.test(req.path));
    if (!match) return error(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${req.path}).`);
    match.re.exec(req.path)!.slice(1).forEach((v, i) => (req.params[match.names[i]] = decodeURIComponent(v)));
    if (req.method !== 'POST' || !req.idempotencyKey) return match.handler(req);
    const scope = `${req.apiKey}:${req.idempotencyKey}`;
    const hash = createHash('sha256').update(`${req.method} ${req.path} ${raw}`).digest('hex');
    const previous = replay.get(scope);
    if (previous) {
      if (previous.hash !== hash) return error(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${req.idempotencyKey}' if you meant to execute a different request.`);
      return { ...previous.answer, replayed: true };
    }
    const answer = await match.handler(req);
    // Like Stripe, a response is kept for the key unless the request never ran (a 5xx is not).
    if (answer.status < 500) replay.set(scope, { hash, answer: JSON.parse(JSON.stringify(answer)) });
    return answer;
  };

  const server: Server = createServer((msg: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', async () => {
      const answer = await handle(msg, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(answer.status, {
        'content-type': 'application/json', 'request-id': id('req'), 'stripe-version': '2026-10-28.endive',
        ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
        ...(msg.headers['idempotency-key'] ? { 'idempotency-key': String(msg.headers['idempotency-key']) } : {}),
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    api: { host: '127.0.0.1', port, protocol: 'http' },
    env: { STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: 'http' },
    requests, paymentIntents, declines, route,
    succeed(piId) {
      const pi = paymentIntents.get(piId)!;
      pi.status = 'succeeded';
      pi.amount_received = pi.amount;
      pi.latest_charge = id('ch');
      pi.last_payment_error = null;
      return { ...pi };
    },
    fail(piId, declineCode = 'generic_decline') {
      const pi = paymentIntents.get(piId)!;
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: declineMessage(declineCode), charge: id('ch') };
      return { ...pi };
    },
    event(type, object, opts = {}) {
      return { id: opts.id ?? id('evt'), object: 'event', api_version: '2026-10-28.endive', created: opts.created ?? now(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
