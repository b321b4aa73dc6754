import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { RETRY_AFTER_SECONDS, toAppError } from '../graphql/errors';

/**
 * Errors that stop a request before GraphQL sees it (the JSON body parser's, chiefly) answered in
 * GraphQL's shape, `{ errors: [{ message, extensions: { code } }] }`, instead of Express's HTML page:
 * an over-size body is 413 PAYLOAD_TOO_LARGE, a body that is not JSON 400 BAD_REQUEST. No stack.
 */
export function graphqlShapedErrors(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; statusCode?: number; limit?: number };
    let status = 500;
    let code = 'INTERNAL';
    let message = 'Internal server error';
    if (e.type === 'entity.too.large') {
      [status, code, message] = [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${e.limit} bytes`];
    } else if (e.type === 'entity.parse.failed') {
      [status, code, message] = [400, 'BAD_REQUEST', 'The request body is not valid JSON'];
    } else if (typeof (e.status ?? e.statusCode) === 'number' && (e.status ?? e.statusCode)! >= 400 && (e.status ?? e.statusCode)! < 500) {
      // Other body-parser refusals: unsupported charset or encoding, aborted request.
      [status, code, message] = [(e.status ?? e.statusCode)!, 'BAD_REQUEST', 'The request body could not be read'];
    } else {
      const mapped = toAppError(err);
      if (mapped?.extensions.code === 'SERVICE_UNAVAILABLE') {
        [status, code, message] = [503, 'SERVICE_UNAVAILABLE', mapped.message];
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      } else logger.error({ err }, 'request failed before GraphQL');
    }
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
