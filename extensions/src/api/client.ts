import { hubspot } from '@hubspot/ui-extensions';
import {
  ApiErrorBodySchema, buildPath, type Endpoint, type EndpointInput, type EndpointOutput, type HttpMethod,
} from '../../../src/contract/index.js';
import { ApiClientError } from './errors.js';

/**
 * The subset of `hubspot.fetch` the client uses: JSON bodies as objects, only GET/POST/PUT. HubSpot signs the
 * URL as called, query included, so what the client puts in the query reaches the server authenticated.
 */
export type FetchLike = (
  url: string,
  init: { method: HttpMethod; body?: Record<string, unknown>; timeout?: number },
) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

export interface ApiClientOptions {
  /** The app's public origin (PUBLIC_BASE_URL), listed in the app's `permittedUrls.fetch`. */
  baseUrl: string;
  /** Defaults to `hubspot.fetch`; the local preview and tests pass their own. */
  fetch?: FetchLike;
  /** HubSpot's default is 15 s; kept below it so our message, not the platform's, reaches the user. */
  timeoutMs?: number;
  /** Who calls: sent as `portalId` / `userId` on every request (see {@link callerQuery}). */
  caller?: Caller;
}

/** The portal and user the extension runs for, from HubSpot's `context` (`context.portal.id`, `context.user.id`). */
export type Caller = { portalId: number | string; userId?: number | string | undefined };

/** The structural subset of HubSpot's extension `context` the caller comes from. */
export type CallerContext = { portal: { id: number | string }; user?: { id: number | string } | undefined };

export function callerOf(context: CallerContext): Caller {
  return { portalId: context.portal.id, userId: context.user?.id };
}

/**
 * The identity query every request carries. HubSpot's request-validation docs promise only the appended `appId`;
 * HubSpot's own legacy-card-converter example (HubSpot/ui-extensions-examples) adds `portalId`, `userId` and
 * `userEmail` from `context` itself, and `hs project dev`'s proxy appends nothing
 * (@hubspot/ui-extensions-dev-server dist/lib/proxy/AppProxyService.js). So the client sends them: they are part
 * of the URL HubSpot signs, and the server accepts HubSpot appending the same values again. The email is left out:
 * the server does not use it, and URLs end up in access logs.
 */
export function callerQuery(caller: Caller | undefined): [string, string][] {
  if (!caller) return [];
  return [['portalId', String(caller.portalId)], ...(caller.userId === undefined ? [] : [['userId', String(caller.userId)] as [string, string]])];
}

export interface ApiClient {
  call<E extends Endpoint>(endpoint: E, input: EndpointInput<E>): Promise<EndpointOutput<E>>;
}

const defaultFetch: FetchLike = (url, init) => hubspot.fetch(url, init);

/** Creates the client every component uses: builds the URL from the contract, parses both outcomes with it. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? defaultFetch;
  const timeout = options.timeoutMs ?? 12_000;

  return {
    async call(endpoint, input) {
      const i = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: Record<string, unknown> };
      const url = `${base}${buildPath(endpoint.path, i.params)}${queryString(i.query, callerQuery(options.caller))}`;
      let response: Awaited<ReturnType<FetchLike>>;
      try {
        response = await doFetch(url, { method: endpoint.method, ...(endpoint.method === 'GET' ? {} : { body: i.body ?? {} }), timeout });
      } catch (cause) {
        throw new ApiClientError('network', `${endpoint.method} ${endpoint.path} failed: ${String(cause)}`, { cause });
      }
      const json = await response.json().catch(() => undefined);
      if (!response.ok) throw httpError(response.status, json);
      const parsed = endpoint.response.safeParse(json);
      if (!parsed.success) {
        throw new ApiClientError('invalid-response', `${endpoint.method} ${endpoint.path}: ${parsed.error.issues[0]?.message ?? 'bad response'}`, {
          status: response.status, cause: parsed.error,
        });
      }
      return parsed.data as EndpointOutput<typeof endpoint>;
    },
  };
}

function queryString(query: Record<string, unknown> | undefined, identity: [string, string][]): string {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k, v]): [string, string] => [k, String(v)]);
  const all = [...entries, ...identity];
  return all.length ? `?${new URLSearchParams(all).toString()}` : '';
}

function httpError(status: number, json: unknown): ApiClientError {
  const body = ApiErrorBodySchema.safeParse(json);
  if (!body.success) return new ApiClientError('http', `The service answered HTTP ${status}`, { status });
  const { code, message, issues } = body.data.error;
  return new ApiClientError('http', message, { status, code, issues: issues ?? [] });
}
