import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths that may hold secrets anywhere in a log object. Tokens and the client secret must never reach logs
 * (ARCHITECTURE.md "Multi-tenant and safe"); redaction is the safety net, not the plan: code logs ids, not secrets.
 */
const REDACT = [
  '*.access_token', '*.refresh_token', '*.accessToken', '*.refreshToken', '*.clientSecret', '*.client_secret',
  '*.authorization', '*.Authorization', '*.code', 'access_token', 'refresh_token', 'accessToken', 'refreshToken',
  'clientSecret', 'client_secret', 'req.headers.authorization', 'headers.authorization',
  'req.headers["x-hubspot-signature-v3"]',
];

/** Creates the app logger (JSON lines). Pass a destination to capture logs in tests. */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { level: opts.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: undefined },
    opts.destination,
  );
}
