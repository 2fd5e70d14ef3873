import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { callerOf, createApiClient, type ApiClient, type CallerContext, type FetchLike } from './client.js';

const ApiContext = createContext<ApiClient | null>(null);

/**
 * Makes one API client available to every component below (built once per base URL / fetch function / caller).
 * `context` is HubSpot's extension context: every request names its portal and user (see `callerQuery`).
 */
export function ApiProvider(props: { baseUrl: string; context: CallerContext; fetch?: FetchLike; children: ReactNode }) {
  const { baseUrl, fetch } = props;
  const { portalId, userId } = callerOf(props.context);
  const client = useMemo(
    () => createApiClient({ baseUrl, caller: { portalId, userId }, ...(fetch ? { fetch } : {}) }),
    [baseUrl, fetch, portalId, userId],
  );
  return <ApiContext.Provider value={client}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() needs an <ApiProvider> above it');
  return client;
}
