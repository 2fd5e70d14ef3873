import { useCallback, useMemo, useState } from 'react';
import { api, type CrmProperty } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { useRequest } from '../api/use-request.js';

/**
 * The portal's contact property definitions, for the property picker. Loaded once per page (the server caches
 * them per portal); `refresh` asks HubSpot again, for a property created since. While they load, or when they
 * cannot be read, the editor falls back to typing internal names: the picker never blocks editing.
 */
export function useProperties() {
  const client = useApi();
  const [forced, setForced] = useState(0);
  const request = useRequest(`properties:${forced}`, () =>
    client.call(api.listProperties, { query: forced ? { refresh: '1' } : {} }));
  const list = request.state.status === 'success' ? request.state.data.properties : null;
  const byName = useMemo(() => (list ? new Map(list.map((p) => [p.name, p])) : null), [list]);
  const refresh = useCallback(() => setForced((n) => n + 1), []);
  return { list, byName, loading: request.state.status === 'loading', failed: request.state.status === 'error', refresh };
}

export type PropertyCatalog = ReturnType<typeof useProperties>;
export type { CrmProperty };
