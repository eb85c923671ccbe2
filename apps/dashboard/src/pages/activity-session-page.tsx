import { useLocation } from 'preact-iso';
import type { AgentSessionListItem, StatsResponse } from '../api/types.ts';
import { BreakdownGrid } from '../components/breakdown-grid.tsx';
import { DataState } from '../components/data-state.tsx';
import { StatCard } from '../components/stat-card.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { useApi } from '../hooks/use-api.ts';
import { agentSessionHref } from '../links.ts';

/**
 * One session of the timeline (one tool and project, joined under the timeout): its stats for exactly
 * that span and tool — languages, branches, categories — and the agent sessions inside it.
 */
export function ActivitySessionPage() {
  const { query } = useLocation();
  const hasSpan = Boolean(query.start && query.end);
  const params = { start: query.start, end: query.end, tool: query.tool, project: query.project };
  const stats = useApi<StatsResponse>(hasSpan ? '/api/stats' : null, params);
  const agents = useApi<{ sessions: AgentSessionListItem[] }>(hasSpan ? '/api/agent/sessions' : null, {
    start: query.start,
    end: query.end,
    project: query.project,
    agent: query.tool,
  });
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
              <StatCard
                label="Time"
                value={formatDuration(data.total_seconds)}
                raw={data.total_seconds}
                testId="session-total"
              />
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
                    <a href={agentSessionHref(s.agent, s.session_id)}>{s.session_id}</a>{' '}
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
