import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, apiGet } from '../api/client.ts';

export interface ApiState<T> {
  data: T | undefined;
  /**
   * True when `data` answers the current path and params and nothing newer is loading. Right after the
   * params change, `data` still holds the previous answer (so nothing jumps) and this is false.
   */
  current: boolean;
  error: ApiRequestError | undefined;
  /** True while a request is in flight; `data` keeps the previous answer meanwhile, so nothing jumps. */
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` with `params` (null path: nothing to load yet), again whenever they change. With
 * `pollMs`, refreshes on that interval while the tab is visible and at once when it becomes visible
 * again, which keeps today's figures live without a reload.
 */
export function useApi<T>(
  path: string | null,
  params: Record<string, string | undefined> = {},
  options: { pollMs?: number } = {},
): ApiState<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(params)}`;
  const [state, setState] = useState<{
    data: T | undefined;
    dataKey: string | null;
    error: ApiRequestError | undefined;
    loading: boolean;
  }>({ data: undefined, dataKey: null, error: undefined, loading: path !== null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const paramsRef = useRef(params);
  paramsRef.current = params;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    apiGet<T>(path, paramsRef.current, controller.signal).then(
      (data) => setState({ data, dataKey: key, error: undefined, loading: false }),
      (error: Error) => {
        if (error.name === 'AbortError') return;
        const apiError =
          error instanceof ApiRequestError ? error : new ApiRequestError(0, 'client', error.message);
        setState((previous) => ({ ...previous, error: apiError, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const { pollMs } = options;
  useEffect(() => {
    if (!pollMs || path === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, pollMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pollMs, path, reload]);

  const { data, error, loading, dataKey } = state;
  return { data, error, loading, current: dataKey === key && !loading, reload };
}
