import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiClientError, type ApiClientError } from './errors.js';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'success'; data: T }
  | { status: 'error'; error: ApiClientError };

/**
 * Runs `load` when `key` changes and tracks loading / success / error. Only the newest request may set state:
 * a slow answer for an earlier key (or one arriving after unmount) is dropped, so the card never shows
 * another contact's score. `reload` reruns it; `replace` installs data obtained elsewhere (e.g. the answer of
 * Recalculate) and also invalidates any request in flight. `refresh` reloads without going back to `loading`.
 */
export function useRequest<T>(key: string, load: () => Promise<T>) {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((background = false) => {
    const id = ++latest.current;
    if (!background) setState({ status: 'loading' });
    loadRef.current().then(
      (data) => { if (id === latest.current) setState({ status: 'success', data }); },
      (error: unknown) => { if (id === latest.current) setState({ status: 'error', error: toApiClientError(error) }); },
    );
  }, []);

  useEffect(() => {
    run();
    return () => { latest.current++; };
  }, [key, run]);

  const replace = useCallback((data: T) => {
    latest.current++;
    setState({ status: 'success', data });
  }, []);

  const reload = useCallback(() => run(false), [run]);
  /** Reloads while the current data stays on screen (after a change made elsewhere on the page). */
  const refresh = useCallback(() => run(true), [run]);
  return { state, reload, refresh, replace };
}
