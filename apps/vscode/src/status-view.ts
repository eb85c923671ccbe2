import { type ApiFailure, formatDuration } from '@devtime/client';

export interface StatusState {
  paused: boolean;
  hasKey: boolean;
  /** Today's total from the server, when it was last read. */
  totalSeconds: number | null;
  /** The latest failure talking to the server (upload or stats), null once a request succeeds again. */
  failure: ApiFailure | null;
  endpoint: string;
  /** A problem with the configuration itself (unreadable config.toml). */
  configError: string | null;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** Read by screen readers, and by the end-to-end test to find the item. */
  ariaLabel: string;
  command: string;
  warning: boolean;
}

/** The status bar item for a state: pure, so every state is unit-tested without VS Code. */
export function statusView(state: StatusState): StatusView {
  const total = state.totalSeconds === null ? null : formatDuration(state.totalSeconds);
  const view = (
    icon: string,
    label: string,
    tooltip: string,
    command = 'devtime.openDashboard',
    warning = false,
  ): StatusView => ({
    text: `$(${icon}) ${label}`,
    tooltip,
    ariaLabel: `DevTime: ${label}`,
    command,
    warning,
  });

  if (state.configError) return view('error', 'DevTime', state.configError, 'devtime.showLog', true);
  if (state.paused)
    return view(
      'debug-pause',
      'paused',
      'DevTime tracking is paused — click to resume',
      'devtime.resumeTracking',
    );
  if (!state.hasKey)
    return view('key', 'set API key', 'DevTime has no API key — click to set it', 'devtime.setApiKey', true);
  const failure = state.failure;
  if (failure?.kind === 'unauthorized') {
    return view(
      'error',
      'invalid API key',
      `${state.endpoint} refused the API key (${failure.message})`,
      'devtime.setApiKey',
      true,
    );
  }
  if (failure?.kind === 'offline' || failure?.kind === 'unavailable') {
    return view(
      'cloud-offline',
      total ? `${total} (offline)` : 'offline',
      `${state.endpoint} is not reachable (${failure.message}). Activity is kept on disk and sent when it is back.`,
      'devtime.showLog',
      true,
    );
  }
  if (failure)
    return view('error', 'error', `${failure.message} — see DevTime: Show Log`, 'devtime.showLog', true);
  return view(
    'clock',
    total ?? '…',
    `Today in DevTime${total ? `: ${total}` : ''} — click to open the dashboard`,
  );
}
