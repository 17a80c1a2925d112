import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/api-error.js';

/** The state of data a page loads: its value once loaded, or the refusal. */
export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Loads again (after an action changed the data). */
  readonly reload: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(
    { type: 'about:blank', title: 'Unexpected answer', status: 500, code: 'UI_UNEXPECTED', detail },
    'dashboard',
  );
}

/**
 * Loads data for a page with `load` (usually `callRoute`), again whenever `deps` change; the call
 * in flight is aborted when the page goes away or the deps change.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const aborted = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(aborted.signal).then(
      (data) => {
        if (!aborted.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!aborted.signal.aborted) setState({ error: asApiError(error), loading: false });
      },
    );
    return () => aborted.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A button's action: runs a call, keeps its refusal to show beside the control, and whether it is in flight. */
export interface Action {
  readonly pending: boolean;
  readonly error: ApiError | undefined;
  /** Runs `call`; resolves true when it succeeded. */
  readonly run: (call: () => Promise<unknown>) => Promise<boolean>;
  readonly clear: () => void;
}

/** State of one action (promote, cancel, freeze ...): at most one call at a time. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = useCallback(async (call: () => Promise<unknown>) => {
    setPending(true);
    setError(undefined);
    try {
      await call();
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, run, clear: useCallback(() => setError(undefined), []) };
}
