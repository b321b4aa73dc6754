import pino, { type Logger } from 'pino';

/** Structured JSON logs; secrets in headers never reach them. */
export function createLogger(level: string, fd: 1 | 2 = 1): Logger {
  return pino(
    {
    level,
    base: { service: 'microlend' },
    redact: ['req.headers.authorization', 'authorization', 'password', 'secret'],
    timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ fd, sync: fd === 2 }),
  );
}
