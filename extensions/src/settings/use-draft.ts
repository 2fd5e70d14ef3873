import { useCallback, useState } from 'react';
import { api, type Draft, type Model, type PathIssue } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import type { ApiClientError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { useRequest } from '../api/use-request.js';

/**
 * The draft of one model as the settings page edits it: the saved draft from the server, the local edits on top
 * (`model`), and the server's validation problems from the last save, by JSON path. Saving sends the whole
 * model; a rejected model is kept as edited so the user fixes it in place.
 */
export function useDraft(modelId: string) {
  const client = useApi();
  const request = useRequest<Draft>(`draft:${modelId}`, () => client.call(api.getDraft, { params: { modelId } }));
  const [edited, setEdited] = useState<Model | null>(null);
  const [issues, setIssues] = useState<PathIssue[]>([]);
  const saveAction = useAction((model: Model) => client.call(api.putDraft, { params: { modelId }, body: { model } }));

  const saved = request.state.status === 'success' ? request.state.data : null;
  const model = edited ?? saved?.draft ?? null;

  /** Installs a draft obtained elsewhere (an import) as the saved one. */
  const adopt = useCallback((draft: Draft) => {
    request.replace(draft);
    setEdited(null);
    setIssues([]);
  }, [request]);

  const save = useCallback(async (): Promise<{ ok: boolean; error?: ApiClientError }> => {
    if (!model) return { ok: false };
    const result = await saveAction.run(model);
    if (result.ok) {
      adopt(result.value);
      return { ok: true };
    }
    setIssues(result.error.issues);
    return { ok: false, error: result.error };
  }, [model, saveAction, adopt]);

  return {
    state: request.state,
    /** The validator's warnings on the saved draft (never blocking: they show beside the fields and before publishing). */
    warnings: saved?.warnings ?? [],
    reload: request.reload,
    /** Re-reads the saved draft in the background (after a publish made it the live version). */
    refresh: request.refresh,
    saved,
    model,
    dirty: edited !== null,
    issues,
    saving: saveAction.busy,
    edit: setEdited,
    discard: () => { setEdited(null); setIssues([]); },
    save,
    adopt,
  };
}

export type DraftState = ReturnType<typeof useDraft>;
