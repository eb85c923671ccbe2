import { useLocation } from 'preact-iso';
import type { AgentSessionListItem, StatsResponse } from '../api/types.ts';
import { BreakdownGrid } from '../components/breakdown-grid.tsx';
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
            <BreakdownGrid
              stats={data}
              breakdowns={[
                { by: 'language', title: 'Languages' },
                { by: 'branch', title: 'Branches' },
                { by: 'category', title: 'Categories' },
              ]}
            />
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
