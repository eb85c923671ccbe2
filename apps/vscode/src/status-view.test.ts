import { describe, expect, it } from 'vitest';
import { type StatusState, statusView } from './status-view.ts';

const base: StatusState = {
  paused: false,
  hasKey: true,
  totalSeconds: 3 * 3_600 + 12 * 60,
  failure: null,
  endpoint: 'http://127.0.0.1:7070',
  configError: null,
};

describe('statusView', () => {
  it("shows today's total and opens the dashboard", () => {
    expect(statusView(base)).toMatchObject({
      text: '$(clock) 3 hrs 12 mins',
      ariaLabel: 'DevTime: 3 hrs 12 mins',
      command: 'devtime.openDashboard',
      warning: false,
    });
    expect(statusView({ ...base, totalSeconds: null }).text).toBe('$(clock) …');
  });

  it('shows offline with the last known total, and errors by kind', () => {
    const offline = statusView({ ...base, failure: { kind: 'offline', message: 'ECONNREFUSED' } });
    expect(offline).toMatchObject({ text: '$(cloud-offline) 3 hrs 12 mins (offline)', warning: true });
    expect(offline.tooltip).toContain('kept on disk');
    const unauthorized = statusView({
      ...base,
      failure: { kind: 'unauthorized', status: 401, message: '401' },
    });
    expect(unauthorized).toMatchObject({ text: '$(error) invalid API key', command: 'devtime.setApiKey' });
    const refused = statusView({ ...base, failure: { kind: 'refused', status: 413, message: 'too large' } });
    expect(refused.text).toBe('$(error) error');
  });

  it('paused and missing-key states lead to the command that fixes them', () => {
    expect(statusView({ ...base, paused: true })).toMatchObject({
      text: '$(debug-pause) paused',
      command: 'devtime.resumeTracking',
    });
    expect(statusView({ ...base, hasKey: false })).toMatchObject({ command: 'devtime.setApiKey' });
    expect(statusView({ ...base, configError: 'bad toml' })).toMatchObject({
      command: 'devtime.showLog',
      tooltip: 'bad toml',
    });
  });
});
