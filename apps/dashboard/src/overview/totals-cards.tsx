import type { StatsResponse } from '../api/types.ts';
import { StatCard } from '../components/stat-card.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { formatCount, formatTokens, formatUsd } from '../format/format-number.ts';

/** The range's headline figures, each exactly the API's field, formatted. */
export function TotalsCards({ stats }: { stats: StatsResponse }) {
  const tools = Object.entries(stats.by_tool);
  return (
    <div class="stat-grid">
      <StatCard
        label="Total time"
        value={formatDuration(stats.total_seconds)}
        raw={stats.total_seconds}
        testId="total"
      >
        <ul class="tool-split" aria-label="By tool">
          {tools.map(([tool, seconds]) => (
            <li key={tool} data-tool={tool} data-seconds={seconds}>
              <span>{tool}</span> <span class="figure">{formatDuration(seconds)}</span>
            </li>
          ))}
        </ul>
      </StatCard>
      <StatCard
        label="Parallel agent time"
        value={formatDuration(stats.parallel_seconds)}
        raw={stats.parallel_seconds}
        testId="parallel"
      >
        <span class="muted small">Time when more than one tool was active, counted once in the total.</span>
      </StatCard>
      <StatCard
        label="Agent tokens"
        value={formatTokens(stats.agents.totals.total_tokens)}
        raw={stats.agents.totals.total_tokens}
        testId="tokens"
      >
        <span class="muted small">
          {formatCount(stats.agents.sessions)} sessions · {formatCount(stats.agents.prompts)} prompts
        </span>
      </StatCard>
      <StatCard
        label="Estimated cost"
        value={formatUsd(stats.agents.totals.cost_usd)}
        raw={stats.agents.totals.cost_usd}
        testId="cost"
      >
        <span class="muted small">
          Prices as of {stats.agents.price_table_as_of}
          {stats.agents.unpriced_models.length > 0 &&
            `; unpriced: ${stats.agents.unpriced_models.join(', ')}`}
        </span>
      </StatCard>
    </div>
  );
}
