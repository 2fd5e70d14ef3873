import type { ErrorRequestHandler, Response } from 'express';

/**
 * HubSpot's error bodies: `{ status: "error", message, correlationId, category, subCategory?, context?, errors?,
 * links? }` (the spec collection's `Error` schema), except rate limits, which carry `errorType` and `policyName`
 * instead of `category`. Handlers throw {@link HubSpotHttpError}; one error handler adds the request's
 * correlation id and writes it.
 */
export class HubSpotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.name = 'HubSpotHttpError';
  }
}

/** A standard CRM API error. */
export function apiError(status: number, category: string, message: string, extra: Record<string, unknown> = {}): HubSpotHttpError {
  return new HubSpotHttpError(status, { status: 'error', message, category, ...extra });
}

export const validationError = (message: string, extra: Record<string, unknown> = {}): HubSpotHttpError =>
  apiError(400, 'VALIDATION_ERROR', message, extra);

/** The correlation id of the current request (set by the request-log middleware). */
export function correlationId(res: Response): string {
  return String(res.locals.correlationId ?? '');
}

/** Writes errors in HubSpot's shape; anything unexpected is a 500 in the same shape. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof HubSpotHttpError) {
    res.status(err.status).set(err.headers).json({ ...err.body, correlationId: correlationId(res) });
    return;
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed' || e?.type === 'entity.too.large' || e?.status === 400) {
    res.status(e.status ?? 400).json({
      status: 'error', message: `Invalid input JSON: ${e.message ?? 'unreadable body'}`, correlationId: correlationId(res), category: 'VALIDATION_ERROR',
    });
    return;
  }
  res.status(500).json({ status: 'error', message: 'internal error', correlationId: correlationId(res), category: 'INTERNAL_ERROR' });
};
