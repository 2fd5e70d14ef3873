import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiClientError, type ApiClientError } from './errors.js';

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ApiClientError };

/**
 * A user-triggered call (recalculate, save, publish…): `busy` while it runs, the last `error` (null after a
 * success), and `run`, which never throws: it resolves to the value or the error, so handlers need no try/catch.
 * State updates after unmount are skipped.
 */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiClientError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; };
  }, []);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const run = useCallback(async (...args: A): Promise<ActionResult<T>> => {
    setBusy(true);
    setError(null);
    try {
      const value = await fnRef.current(...args);
      if (mounted.current) setBusy(false);
      return { ok: true, value };
    } catch (e) {
      const err = toApiClientError(e);
      if (mounted.current) {
        setBusy(false);
        setError(err);
      }
      return { ok: false, error: err };
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
