import type { ErrorRequestHandler } from 'express';
import type { ApiErrorBody } from '../contract/index.js';
import { ValidationError } from '../errors.js';
import { dispositionOf, ForeignPropertyError, HubSpotError } from '../hubspot/errors.js';
import type { Logger } from '../logger.js';
import { HttpError, isRedisUnavailable, StorageUnavailableError } from './http-error.js';

type Mapped = { status: number; body: ApiErrorBody; headers?: Record<string, string> };

const body = (code: ApiErrorBody['error']['code'], message: string, issues?: { path: string; message: string }[]): ApiErrorBody => ({
  error: { code, message, ...(issues ? { issues } : {}) },
});

/**
 * The one place errors become HTTP answers (ARCHITECTURE.md "Error model"). Bodies follow the API contract
 * (`{error: {code, message, issues?}}`). Storage and transient HubSpot failures are 503 with Retry-After, so
 * HubSpot (webhooks) and the UI retry; nothing internal leaks into a 500's message.
 */
export function mapError(err: unknown): Mapped {
  if (err instanceof HttpError) return { status: err.status, body: body(err.apiCode, err.message, err.issues) };
  const parserType = (err as { type?: unknown })?.type;
  if (parserType === 'entity.too.large') return { status: 413, body: body('BAD_REQUEST', 'Request body is larger than 1 MB') };
  if (parserType === 'entity.parse.failed') return { status: 400, body: body('BAD_REQUEST', 'Request body is not valid JSON') };
  if ((typeof parserType === 'string' && parserType.startsWith('encoding.')) || parserType === 'charset.unsupported') {
    return { status: 415, body: body('BAD_REQUEST', 'Unsupported request encoding') };
  }
  if (err instanceof ValidationError) return { status: 400, body: body('BAD_REQUEST', err.message, err.issues) };
  if (err instanceof ForeignPropertyError) return { status: 409, body: body('CONFLICT', err.message, [{ path: 'propertyPrefix', message: err.message }]) };
  if (err instanceof StorageUnavailableError || isRedisUnavailable(err)) {
    return { status: 503, body: body('UNAVAILABLE', 'Storage is unavailable; retry later'), headers: { 'retry-after': '5' } };
  }
  if (err instanceof HubSpotError && dispositionOf(err) !== 'give-up') {
    return { status: 503, body: body('UNAVAILABLE', 'HubSpot is unavailable; retry later'), headers: { 'retry-after': '10' } };
  }
  return { status: 500, body: body('INTERNAL', 'Internal error') };
}

/** Express error middleware around {@link mapError}; logs 5xx once with the error's code, never its payload. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const m = mapError(err);
    if (m.status >= 500) {
      logger.error({ method: req.method, path: req.path, status: m.status, code: (err as { code?: unknown })?.code, err: (err as Error)?.message }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(m.status).set(m.headers ?? {}).json(m.body);
  };
}
