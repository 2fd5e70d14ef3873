import { hubspot } from '@hubspot/ui-extensions';
import {
  ApiErrorBodySchema, buildPath, type Endpoint, type EndpointInput, type EndpointOutput, type HttpMethod,
} from '../../../src/contract/index.js';
import { ApiClientError } from './errors.js';

/**
 * The subset of `hubspot.fetch` the client uses (PLATFORM.md §2): JSON bodies as objects, only GET/POST/PUT.
 * HubSpot signs the request and appends `portalId` & co. to the query; our server trusts nothing else.
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
      const url = `${base}${buildPath(endpoint.path, i.params)}${queryString(i.query)}`;
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

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

function httpError(status: number, json: unknown): ApiClientError {
  const body = ApiErrorBodySchema.safeParse(json);
  if (!body.success) return new ApiClientError('http', `The service answered HTTP ${status}`, { status });
  const { code, message, issues } = body.data.error;
  return new ApiClientError('http', message, { status, code, issues: issues ?? [] });
}
