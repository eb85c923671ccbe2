import { useMemo, useState } from 'preact/hooks';
import type { AgentActivityResponse, AgentSessionListItem, StatsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { StackedBarChart } from '../charts/stacked-bar-chart.tsx';
import { AgentFilesTable } from '../components/agent-files-table.tsx';
import { AgentSessionsTable } from '../components/agent-sessions-table.tsx';
import { ConnectHelp } from '../components/connect-help.tsx';
import { DataState } from '../components/data-state.tsx';
import { Segmented } from '../components/segmented.tsx';
import { StatCard } from '../components/stat-card.tsx';
import { ToolUsageTable } from '../components/tool-usage-table.tsx';
import { UsageTable } from '../components/usage-table.tsx';
import { formatCount, formatTokens, formatUsd } from '../format/format-number.ts';
import { LIVE_POLL_MS } from '../hooks/live-poll.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { RangePicker } from '../range/range-picker.tsx';
import { includesToday } from '../range/range-presets.ts';
import { stackDays } from '../shape/stacked-series.ts';
import { inChartBuckets } from '../shape/weekly-buckets.ts';

type Metric = 'tokens' | 'cost';
/** Stable identity: the chart rebuilds when its formatter changes. */
const formatUsdValue = (usd: number) => formatUsd(usd);
type GroupBy = 'model' | 'agent';

/** Tokens and cost by model and agent over time, prompts, tool usage, lines changed and the sessions. */
export function AgentsPage() {
  const { user } = useSession();
  const { selection, params, setSelection } = useRange();
  const pollMs = includesToday(selection, Date.now(), user.timezone) ? LIVE_POLL_MS : undefined;
  const stats = useApi<StatsResponse>('/api/stats', params, { pollMs });
  const activity = useApi<AgentActivityResponse>('/api/agent/activity', params, { pollMs });
  const sessions = useApi<{ sessions: AgentSessionListItem[] }>('/api/agent/sessions', params, { pollMs });
  const [metric, setMetric] = useState<Metric>('tokens');
  const [groupBy, setGroupBy] = useState<GroupBy>('model');

  const chart = useMemo(() => {
    const data = activity.data;
    if (!data) return null;
    const pick = (day: AgentActivityResponse['by_day'][number]) => {
      const record = groupBy === 'model' ? day.by_model : day.by_agent;
      const values: Record<string, number> = {};
      for (const [key, figures] of Object.entries(record)) {
        values[key] = metric === 'tokens' ? figures.total_tokens : (figures.cost_usd ?? 0);
      }
      return values;
    };
    const { buckets, weekly } = inChartBuckets(
      data.by_day.map((day) => ({ date: day.date, values: pick(day) })),
    );
    const ranking: Record<string, number> = {};
    for (const day of buckets)
      for (const [key, value] of Object.entries(day.values)) ranking[key] = (ranking[key] ?? 0) + value;
    return { stacked: stackDays(buckets, ranking), weekly };
  }, [activity.data, metric, groupBy]);

  const formatValue = metric === 'tokens' ? formatTokens : formatUsdValue;

  return (
    <section class="page" data-page="agents">
      <h1>Agents</h1>
      <RangePicker selection={selection} onChange={setSelection} />
      <DataState state={stats} label="agent stats">
        {(data) => (
          <>
            {data.agents.sessions === 0 && <ConnectHelp heading="No agent sessions in this range" />}
            <div class="stat-grid">
              <StatCard
                label="Tokens"
                value={formatTokens(data.agents.totals.total_tokens)}
                raw={data.agents.totals.total_tokens}
                testId="agent-tokens"
              />
              <StatCard
                label="Estimated cost"
                value={formatUsd(data.agents.totals.cost_usd)}
                raw={data.agents.totals.cost_usd}
                testId="agent-cost"
              >
                <span class="muted small">Prices as of {data.agents.price_table_as_of}</span>
              </StatCard>
              <StatCard
                label="Sessions"
                value={formatCount(data.agents.sessions)}
                raw={data.agents.sessions}
                testId="agent-sessions"
              />
              <StatCard
                label="Prompts"
                value={formatCount(data.agents.prompts)}
                raw={data.agents.prompts}
                testId="agent-prompts"
              />
            </div>
            {data.agents.unpriced_models.length > 0 && (
              <p class="muted small">
                No price known for {data.agents.unpriced_models.join(', ')}: their usage is counted in tokens,
                not in cost.
              </p>
            )}
            <div class="grid-2">
              <UsageTable id="by-model" title="By model" record={data.agents.by_model} />
              <UsageTable id="by-agent" title="By agent" record={data.agents.by_agent} />
            </div>
          </>
        )}
      </DataState>
      <section class="card wide">
        <div class="card-head">
          <h2>Over time</h2>
          <Segmented label="Measure">
            <button type="button" aria-pressed={metric === 'tokens'} onClick={() => setMetric('tokens')}>
              Tokens
            </button>
            <button type="button" aria-pressed={metric === 'cost'} onClick={() => setMetric('cost')}>
              Cost
            </button>
          </Segmented>
          <Segmented label="Group by">
            <button type="button" aria-pressed={groupBy === 'model'} onClick={() => setGroupBy('model')}>
              By model
            </button>
            <button type="button" aria-pressed={groupBy === 'agent'} onClick={() => setGroupBy('agent')}>
              By agent
            </button>
          </Segmented>
        </div>
        {chart && (
          <StackedBarChart
            weekly={chart.weekly}
            stacked={chart.stacked}
            formatValue={formatValue}
            formatAxis={formatValue}
            title={`${metric === 'tokens' ? 'Tokens' : 'Cost'} per day by ${groupBy}`}
          />
        )}
      </section>
      <DataState state={activity} label="agent activity">
        {(data) => (
          <div class="grid-2">
            <section class="card">
              <h2>Tool usage</h2>
              {data.tools.length === 0 ? (
                <p class="muted">No tool calls in this range.</p>
              ) : (
                <ToolUsageTable tools={data.tools} />
              )}
            </section>
            <section class="card">
              <h2>Prompts and lines</h2>
              <p>
                Lines changed: <span class="added">+{formatCount(data.lines_added)}</span>{' '}
                <span class="removed">−{formatCount(data.lines_removed)}</span>
              </p>
              <p>Prompts per day (busiest first):</p>
              <ul class="compact-list">
                {[...data.by_day]
                  .filter((day) => day.prompts > 0)
                  .sort((a, b) => b.prompts - a.prompts)
                  .slice(0, 7)
                  .map((day) => (
                    <li key={day.date}>
                      {day.date}: {formatCount(day.prompts)}
                    </li>
                  ))}
              </ul>
            </section>
            <section class="card wide">
              <h2>Files</h2>
              <AgentFilesTable files={data.files} showProject />
            </section>
          </div>
        )}
      </DataState>
      <section class="card wide">
        <h2>Sessions</h2>
        <DataState state={sessions} label="sessions">
          {(data) => <AgentSessionsTable sessions={data.sessions} timeZone={user.timezone} />}
        </DataState>
      </section>
    </section>
  );
}
