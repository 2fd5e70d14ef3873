import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createApiClient, type ApiClient, type FetchLike } from './client.js';

const ApiContext = createContext<ApiClient | null>(null);

/** Makes one API client available to every component below (built once per base URL / fetch function). */
export function ApiProvider(props: { baseUrl: string; fetch?: FetchLike; children: ReactNode }) {
  const { baseUrl, fetch } = props;
  const client = useMemo(() => createApiClient({ baseUrl, ...(fetch ? { fetch } : {}) }), [baseUrl, fetch]);
  return <ApiContext.Provider value={client}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() needs an <ApiProvider> above it');
  return client;
}
