import type { ApiErrorCode, PathIssue } from '../../../src/contract/index.js';

/**
 * Why a call failed, as the UI needs it: `network` (no answer, timeout: retry), `http` (the API answered an
 * error; `code` and `issues` come from its body), `invalid-response` (the answer broke the contract: a bug or a
 * version skew, not something the user can fix).
 */
export type ApiFailureKind = 'network' | 'http' | 'invalid-response';

export class ApiClientError extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    message: string,
    readonly details: { status?: number; code?: ApiErrorCode; issues?: PathIssue[]; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'ApiClientError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): ApiErrorCode | undefined {
    return this.details.code;
  }

  /** Validation problems by JSON path (empty unless the API rejected a model or a request body). */
  get issues(): PathIssue[] {
    return this.details.issues ?? [];
  }
}

/** Any thrown value as an ApiClientError (hooks store only this type). */
export function toApiClientError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiClientError('network', message || 'The request failed', { cause: error });
}

/** A sentence for the user: what happened and what to do. */
export function describeError(error: ApiClientError): string {
  switch (error.kind) {
    case 'network':
      return 'The lead scoring service could not be reached. Check your connection and try again.';
    case 'invalid-response':
      return 'The lead scoring service sent an answer this card does not understand. Reload the page; if it persists, contact support.';
    case 'http':
      if (error.code === 'UNAUTHORIZED') return 'The request was not accepted as coming from HubSpot. Reload the page.';
      if (error.code === 'UNAVAILABLE') return 'The lead scoring service is busy or restarting. Try again in a minute.';
      return error.message;
  }
}

/** The API's validation issues by path when it sent any (a rejected model or request), else `describeError`. */
export function describeErrorIssues(error: ApiClientError): string {
  return error.issues.length ? error.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : describeError(error);
}
