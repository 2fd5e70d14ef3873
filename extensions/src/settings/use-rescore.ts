import { useEffect, useState } from 'react';
import { api, type RescoreProgress } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';

const finished = (p: RescoreProgress) => p.status === 'done' || p.status === 'failed';

/**
 * The rescore that a publish or rollback started: polls its progress until it is done or failed. Polling
 * errors are tolerated (the next tick retries); a newer publish replaces the one being followed.
 */
export function useRescore(modelId: string, intervalMs: number) {
  const client = useApi();
  const [progress, setProgress] = useState<RescoreProgress | null>(null);

  useEffect(() => {
    if (!progress || finished(progress)) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client.call(api.rescoreProgress, { params: { modelId } }).then(
        (next) => { if (!cancelled) setProgress(next.version === progress.version ? next : progress); },
        () => { if (!cancelled) setProgress({ ...progress }); },
      );
    }, intervalMs);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [progress, client, modelId, intervalMs]);

  return { progress, follow: setProgress };
}
