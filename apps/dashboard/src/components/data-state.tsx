import type { ComponentChildren } from 'preact';
import type { ApiState } from '../hooks/use-api.ts';

/** Renders children with the data once it is there; a loading line before, an alert on failure. */
export function DataState<T>({
  state,
  children,
  label,
}: {
  state: ApiState<T>;
  label: string;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error && !state.data) {
    return (
      <p class="error" role="alert">
        Could not load {label}: {state.error.message}{' '}
        <button type="button" class="link-button" onClick={state.reload}>
          Retry
        </button>
      </p>
    );
  }
  if (!state.data)
    return (
      <p class="muted" aria-busy="true">
        Loading {label}…
      </p>
    );
  return <>{children(state.data)}</>;
}
