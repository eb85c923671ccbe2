import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { useLocation } from 'preact-iso';
import type { SessionsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { ConnectHelp } from '../components/connect-help.tsx';
import { DataState } from '../components/data-state.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { LIVE_POLL_MS } from '../hooks/live-poll.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { agentSessionHref } from '../links.ts';
import { RangePicker } from '../range/range-picker.tsx';
import { includesToday, type RangeSelection, rangeParams } from '../range/range-presets.ts';
import { type TimelineSession, timelineLanes, timelineTicks } from '../shape/timeline-lanes.ts';
import { isAgentTool } from '../shape/tool-kinds.ts';

const TODAY: RangeSelection = { kind: 'preset', id: 'today' };
const timeOf = (iso: string) => iso.slice(11, 16);
const dayOf = (iso: string) => iso.slice(0, 10);

/** Where a session leads: its agent session when it holds exactly one, else the activity detail page. */
function sessionHref(session: TimelineSession): string {
  const [only] = session.agent_session_ids;
  if (only && session.agent_session_ids.length === 1) return agentSessionHref(session.tool, only);
  const query = new URLSearchParams({ tool: session.tool, start: session.start, end: session.end });
  if (session.project !== null) query.set('project', session.project);
  return `/timeline/session?${query}`;
}

/** One lane per tool: editor and agent sessions side by side, each a link with its details on hover. */
export function TimelinePage() {
  const { user } = useSession();
  const range = useRange();
  const { query } = useLocation();
  // The timeline opens on today unless a range was chosen: a week of lanes is dense.
  const hasRange = Boolean(query.range || query.start);
  const selection = hasRange ? range.selection : TODAY;
  const params = rangeParams(selection);
  const live = includesToday(selection, Date.now(), user.timezone);
  const state = useApi<SessionsResponse>('/api/sessions', params, {
    pollMs: live ? LIVE_POLL_MS : undefined,
  });

  return (
    <section class="page" data-page="timeline">
      <h1>Timeline</h1>
      <RangePicker selection={selection} onChange={range.setSelection} />
      <DataState state={state} label="sessions">
        {(data) => {
          const fromMs = Date.parse(data.range.start);
          const toMs = Date.parse(data.range.end);
          const lanes = timelineLanes(data.sessions, fromMs, toMs);
          const days = Math.round((toMs - fromMs) / 86_400_000);
          const ticks = timelineTicks(fromMs, toMs, days <= 1 ? 8 : Math.min(days, 10));
          const tickLabel = (atMs: number) =>
            format(new TZDate(atMs, data.range.timezone), days <= 1 ? 'HH:mm' : 'MMM d');
          if (lanes.length === 0) return <ConnectHelp heading="No sessions in this range" />;
          return (
            <div class="card timeline">
              <div class="timeline-axis" aria-hidden="true">
                {ticks.map((tick) => (
                  <span key={tick.atMs} style={{ left: `${tick.percent}%` }}>
                    {tickLabel(tick.atMs)}
                  </span>
                ))}
              </div>
              {lanes.map((lane) => (
                <div class="lane" key={lane.tool} data-lane={lane.tool}>
                  <div class="lane-label">
                    <strong>{lane.tool}</strong>
                    <span class="muted small">
                      {isAgentTool(lane.tool) ? 'agent' : 'editor'} · {formatDuration(lane.totalSeconds)}
                    </span>
                  </div>
                  <ul class="lane-track" aria-label={`${lane.tool} sessions`}>
                    {ticks.map((tick) => (
                      <li
                        key={`tick-${tick.atMs}`}
                        class="lane-tick"
                        style={{ left: `${tick.percent}%` }}
                        aria-hidden="true"
                      />
                    ))}
                    {lane.items.map((item) => {
                      const s = item.session;
                      const label = `${s.project ?? 'no project'}, ${dayOf(s.start)} ${timeOf(s.start)}–${timeOf(s.end)}, ${formatDuration(s.duration_seconds)}`;
                      return (
                        <li
                          key={`${s.start}|${s.project}`}
                          class={`lane-item ${isAgentTool(s.tool) ? 'agent' : 'editor'}`}
                          style={{ left: `${item.leftPercent}%`, width: `${item.widthPercent}%` }}
                        >
                          <a
                            href={sessionHref(s)}
                            aria-label={`${lane.tool}: ${label}`}
                            data-session-start={s.start}
                          >
                            <span class="tooltip" role="tooltip">
                              <strong>{s.project ?? 'no project'}</strong>
                              <br />
                              {timeOf(s.start)}–{timeOf(s.end)} · {formatDuration(s.duration_seconds)}
                              <br />
                              {s.event_count} events
                              {s.agent_session_ids.length > 0 &&
                                ` · ${s.agent_session_ids.length} agent session${s.agent_session_ids.length === 1 ? '' : 's'}`}
                            </span>
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ))}
            </div>
          );
        }}
      </DataState>
    </section>
  );
}
