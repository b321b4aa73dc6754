import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { type Principal, authenticate } from '../../platform/auth/authenticate';
import { CREDENTIALS_CHANNEL } from '../../platform/auth/credential-changes';
import { formatError } from '../../platform/graphql/errors';
import type { Runtime } from '../runtime';
import { RequestContext } from '../../platform/tenancy/request-context';
import { TenantTransaction } from '../../platform/tenancy/tenant-transaction';
import { SubscriptionCredentials } from '../../platform/http/subscription-credentials';
import { RequestLoaders } from '../../platform/graphql/loaders';

// graphql-ws publishes its server only through package "exports", which our (node10) resolution
// cannot see at type level: the types come by file path, the code by the exported name.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/dist/use/ws');

/**
 * GraphQL subscriptions over graphql-ws on the API's own port and path (`/graphql`). The client
 * authenticates once, in `connectionParams.authorization` ("Bearer <key or token>"), exactly as an
 * HTTP request does; an unauthenticated or rejected connection is closed with 4403. The socket lives
 * no longer than its credential (see {@link SubscriptionCredentials}): closed with 4401 when it
 * expires, 4403 when it is revoked or its tenant suspended, and no event goes out after either.
 */
export function attachSubscriptions(server: Server, runtime: Pick<Runtime, 'config' | 'dataSource' | 'services' | 'logger'>, schema: GraphQLSchema): { close(): Promise<void> } {
  const { config, dataSource, services } = runtime;
  const development = config.env === 'development';
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const principals = new WeakMap<object, Principal>();
  const credentials = new SubscriptionCredentials((header) => authenticate(dataSource, config.jwt, header));
  // Listening before the first authentication: a change committed after it is heard, one before it is seen.
  let listening: Promise<() => void> | null = null;
  const disposable = useServer(
    {
      schema,
      onConnect: async (socketCtx) => {
        const params = socketCtx.connectionParams ?? {};
        const header = (params.authorization ?? params.Authorization) as string | undefined;
        listening ??= services.eventNotifications().listen((payload) => credentials.changed(payload), CREDENTIALS_CHANNEL).catch((err: Error) => {
          listening = null; // the next connection tries again; this one is refused (4500)
          throw err;
        });
        await listening;
        const principal = await authenticate(dataSource, config.jwt, header).catch(() => null);
        if (!header || !principal || principal.actor.type === 'ANONYMOUS') return false;
        principals.set(socketCtx.extra, principal);
        credentials.open(socketCtx.extra, socketCtx.extra.socket, header, principal);
        return true;
      },
      onClose: (socketCtx) => credentials.forget(socketCtx.extra),
      context: (socketCtx) => {
        const principal = principals.get(socketCtx.extra)!;
        // Opened only if a resolver reads the database; event payloads come from the stream.
        const transaction = new TenantTransaction(dataSource, { tenantId: principal.tenantId, platform: principal.platform });
        const ctx = new RequestContext(randomUUID(), principal.tenantId, principal.actor, new Set(principal.roles), transaction, principal.borrowerId, principal.platform);
        return { ctx, transaction, loaders: new RequestLoaders(ctx), eventStream: services.eventStream };
      },
      onError: (_ctx, _id, _payload, errors) => {
        runtime.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
      onNext: async (socketCtx, _id, _payload, _args, result) => {
        // Refused: the socket is closed with its reason, and graphql-ws sends nothing on a closed socket.
        if (!(await credentials.admit(socketCtx.extra))) return undefined;
        if ('errors' in result && result.errors) {
          return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, development) as never) };
        }
        return result;
      },
    },
    wss,
  );
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      credentials.clear();
      if (listening) (await listening.catch(() => null))?.();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
