import { useCallback, useEffect } from 'react';
import { api, type SuggestionRequest, type SuggestionStatus } from '../../../../src/contract/index.js';
import { useApi } from '../../api/context.js';
import { useAction } from '../../api/use-action.js';
import { useRequest } from '../../api/use-request.js';

const underWay = (s: SuggestionStatus) => s.status === 'queued' || s.status === 'running';

/**
 * The model's learning run: its last state on load, `start` to queue a new one, and polling (every
 * `intervalMs`, data kept on screen) while it is queued or running. A failed poll shows as an error (with a retry).
 */
export function useSuggestion(modelId: string, intervalMs: number) {
  const client = useApi();
  const request = useRequest<SuggestionStatus>(`suggestion:${modelId}`, () => client.call(api.getSuggestion, { params: { modelId } }));
  const startAction = useAction((body: SuggestionRequest) => client.call(api.startSuggestion, { params: { modelId }, body }));
  const status = request.state.status === 'success' ? request.state.data : null;
  const { refresh, replace } = request;

  useEffect(() => {
    if (!status || !underWay(status)) return;
    const timer = setTimeout(refresh, intervalMs);
    return () => clearTimeout(timer);
  }, [status, refresh, intervalMs]);

  const start = useCallback(async (body: SuggestionRequest) => {
    const r = await startAction.run(body);
    if (r.ok) replace(r.value);
    return r;
  }, [startAction, replace]);

  return { state: request.state, status, reload: request.reload, start, starting: startAction.busy, startError: startAction.error };
}
