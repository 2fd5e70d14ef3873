import type { ApiErrorCode } from '../contract/index.js';
import { AppError } from '../errors.js';

/** An error that already knows its HTTP answer: status, the API contract's error code, and path issues. */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    readonly apiCode: ApiErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(`HTTP_${status}`, message, options);
  }
}

/** Redis could not be reached or answered with a connection-level failure: the client should retry later. */
export class StorageUnavailableError extends AppError {
  constructor(cause: unknown) {
    super('STORAGE_UNAVAILABLE', 'Storage (Redis) is unavailable; retry later', { cause });
  }
}

/** Whether an error is ioredis saying the server is unreachable (not a bug in a command). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) ||
    /Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|LOADING|READONLY/.test(err.message)
  );
}
