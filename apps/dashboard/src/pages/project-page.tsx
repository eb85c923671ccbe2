import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AgentActivityResponse, ProjectFilesResponse, StatsResponse } from '../api/types.ts';
import { StackedBarChart } from '../charts/stacked-bar-chart.tsx';
import { AgentFilesTable } from '../components/agent-files-table.tsx';
import { BreakdownGrid } from '../components/breakdown-grid.tsx';
import { DataState } from '../components/data-state.tsx';
import { EditorFilesTable } from '../components/editor-files-table.tsx';
import { StatCard } from '../components/stat-card.tsx';
import { formatDuration, formatHours, formatHoursAxis } from '../format/format-duration.ts';
import { formatCount, formatTokens, formatUsd } from '../format/format-number.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { RangePicker } from '../range/range-picker.tsx';
import { rangeQueryString } from '../range/range-presets.ts';
import { stackDays } from '../shape/stacked-series.ts';
import { splitTools } from '../shape/tool-kinds.ts';
import { inChartBuckets } from '../shape/weekly-buckets.ts';

/**
 * One project: editors vs agents, languages, branches, the daily trend by tool, and its files — as
 * editors saw them (heartbeats) beside what agents changed (session rollups).
 */
export function ProjectPage() {
  const { params: routeParams } = useRoute();
  const project = decodeURIComponent(routeParams.name ?? '');
  const { selection, params, setSelection } = useRange();
  const query = { ...params, project };
  const stats = useApi<StatsResponse>('/api/stats', query);
  const activity = useApi<AgentActivityResponse>('/api/agent/activity', query);
  const editorFiles = useApi<ProjectFilesResponse>(
    `/api/projects/${encodeURIComponent(project)}/files`,
    params,
  );
  const trend = useMemo(() => {
    if (!stats.data) return undefined;
    const { buckets, weekly } = inChartBuckets(
      stats.data.by_day.map((day) => ({ date: day.date, values: day.by_tool })),
    );
    return { stacked: stackDays(buckets, stats.data.by_tool, { scale: 1 / 3600 }), weekly };
  }, [stats.data]);
  return (
    <section class="page" data-page="project" data-project={project}>
      <p>
        <a href={`/projects?${rangeQueryString(selection)}`}>← Projects</a>
      </p>
      <h1>{project}</h1>
      <RangePicker selection={selection} onChange={setSelection} />
      <DataState state={stats} label="the project">
        {(data) => {
          const { editors, agents } = splitTools(data.by_tool, Object.keys(data.agents.by_agent));
          const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
          return (
            <>
              <div class="stat-grid">
                <StatCard
                  label="Total time"
                  value={formatDuration(data.total_seconds)}
                  raw={data.total_seconds}
                  testId="project-total"
                />
                <StatCard
                  label="Editors"
                  value={formatDuration(sum(editors))}
                  raw={sum(editors)}
                  testId="project-editors"
                >
                  <span class="muted small">{Object.keys(editors).join(', ') || 'none'}</span>
                </StatCard>
                <StatCard
                  label="Agents"
                  value={formatDuration(sum(agents))}
                  raw={sum(agents)}
                  testId="project-agents"
                >
                  <span class="muted small">{Object.keys(agents).join(', ') || 'none'}</span>
                </StatCard>
                <StatCard
                  label="Agent tokens · cost"
                  value={formatTokens(data.agents.totals.total_tokens)}
                  testId="project-tokens"
                >
                  <span class="muted small">
                    {formatUsd(data.agents.totals.cost_usd)} · {formatCount(data.agents.sessions)} sessions
                  </span>
                </StatCard>
              </div>
              {trend && (
                <section class="card wide">
                  <h2>Trend</h2>
                  <StackedBarChart
                    weekly={trend.weekly}
                    stacked={trend.stacked}
                    formatValue={formatHours}
                    formatAxis={formatHoursAxis}
                    title="Time per day by tool"
                  />
                </section>
              )}
              <BreakdownGrid
                stats={data}
                breakdowns={[
                  { by: 'language', title: 'Languages' },
                  { by: 'branch', title: 'Branches' },
                  { by: 'tool', title: 'Editors and agents' },
                  { by: 'category', title: 'Categories' },
                ]}
              />
            </>
          );
        }}
      </DataState>
      <div class="grid-2" data-section="files">
        <section class="card" aria-labelledby="editor-files-heading">
          <h2 id="editor-files-heading">Edited in editors</h2>
          <p class="muted small">Files in editor heartbeats: how often each was active and saved.</p>
          <DataState state={editorFiles} label="editor files">
            {(data) => <EditorFilesTable files={data.files} timeZone={data.range.timezone} />}
          </DataState>
        </section>
        <section class="card" aria-labelledby="agent-files-heading">
          <h2 id="agent-files-heading">Changed by agents</h2>
          <p class="muted small">Files agents read and changed, from their session rollups.</p>
          <DataState state={activity} label="agent files">
            {(data) => (
              <>
                <p>
                  Lines changed by agents: <span class="added">+{formatCount(data.lines_added)}</span>{' '}
                  <span class="removed">−{formatCount(data.lines_removed)}</span>
                </p>
                <AgentFilesTable files={data.files} showProject={false} />
              </>
            )}
          </DataState>
        </section>
      </div>
    </section>
  );
}
