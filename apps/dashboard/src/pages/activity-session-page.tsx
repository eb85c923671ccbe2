import { useLocation } from 'preact-iso';
import type { AgentSessionListItem, StatsResponse } from '../api/types.ts';
import { BreakdownList } from '../components/breakdown-list.tsx';
import { DataState } from '../components/data-state.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { useApi } from '../hooks/use-api.ts';

/**
 * One session of the timeline (one tool and project, joined under the timeout): its stats for exactly
 * that span and tool — languages, branches, categories — and the agent sessions inside it.
 */
export function ActivitySessionPage() {
  const { query } = useLocation();
  const params = { start: query.start, end: query.end, tool: query.tool, project: query.project };
  const stats = useApi<StatsResponse>(query.start && query.end ? '/api/stats' : null, params);
  const agents = useApi<{ sessions: AgentSessionListItem[] }>(
    query.start && query.end ? '/api/agent/sessions' : null,
    { start: query.start, end: query.end, project: query.project, agent: query.tool },
  );
  return (
    <section class="page" data-page="activity-session">
      <p>
        <a href="/timeline">← Timeline</a>
      </p>
      <h1>
        {query.tool} · {query.project ?? 'no project'}
      </h1>
      <p class="muted">
        {query.start} – {query.end}
      </p>
      <DataState state={stats} label="the session">
        {(data) => (
          <>
            <div class="stat-grid">
              <div class="card stat" data-testid="session-total" data-value={data.total_seconds}>
                <div class="stat-label">Time</div>
                <div class="stat-value">{formatDuration(data.total_seconds)}</div>
              </div>
            </div>
            <div class="grid-2">
              <BreakdownList
                id="language"
                title="Languages"
                record={data.by_language}
                totalSeconds={data.total_seconds}
              />
              <BreakdownList
                id="branch"
                title="Branches"
                record={data.by_branch}
                totalSeconds={data.total_seconds}
              />
              <BreakdownList
                id="category"
                title="Categories"
                record={data.by_category}
                totalSeconds={data.total_seconds}
              />
            </div>
          </>
        )}
      </DataState>
      <DataState state={agents} label="agent sessions">
        {(data) =>
          data.sessions.length > 0 && (
            <section class="card">
              <h2>Agent sessions</h2>
              <ul>
                {data.sessions.map((s) => (
                  <li key={s.session_id}>
                    <a
                      href={`/agents/sessions/${encodeURIComponent(s.agent)}/${encodeURIComponent(s.session_id)}`}
                    >
                      {s.session_id}
                    </a>{' '}
                    <span class="muted">
                      {s.turns} turns · {s.prompts} prompts
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )
        }
      </DataState>
    </section>
  );
}
