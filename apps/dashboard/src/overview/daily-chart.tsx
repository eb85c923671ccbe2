import { useMemo, useState } from 'preact/hooks';
import type { StatsResponse } from '../api/types.ts';
import { StackedBarChart } from '../charts/stacked-bar-chart.tsx';
import { Segmented } from '../components/segmented.tsx';
import { formatDuration, formatHoursAxis } from '../format/format-duration.ts';
import { stackDays } from '../shape/stacked-series.ts';
import { MAX_DAILY_BARS, weeklyBuckets } from '../shape/weekly-buckets.ts';

type Split = 'tool' | 'project';
const formatHours = (hours: number) => formatDuration(hours * 3600);

/** `by_day` of the stats as stacked bars by tool or by project, in hours. */
export function DailyChart({ stats }: { stats: StatsResponse }) {
  const [split, setSplit] = useState<Split>('project');
  const weekly = stats.by_day.length > MAX_DAILY_BARS;
  const stacked = useMemo(() => {
    const days = stats.by_day.map((day) => ({
      date: day.date,
      values: split === 'tool' ? day.by_tool : day.by_project,
    }));
    return stackDays(
      weekly ? weeklyBuckets(days) : days,
      split === 'tool' ? stats.by_tool : stats.by_project,
      {
        scale: 1 / 3600,
      },
    );
  }, [stats, split, weekly]);
  return (
    <section class="card wide" aria-labelledby="daily-heading">
      <div class="card-head">
        <h2 id="daily-heading">{weekly ? 'Week by week' : 'Day by day'}</h2>
        <Segmented label="Split bars by">
          <button type="button" aria-pressed={split === 'project'} onClick={() => setSplit('project')}>
            By project
          </button>
          <button type="button" aria-pressed={split === 'tool'} onClick={() => setSplit('tool')}>
            By tool
          </button>
        </Segmented>
      </div>
      <StackedBarChart
        xLabel={weekly ? 'Week of' : 'Day'}
        stacked={stacked}
        formatValue={formatHours}
        formatAxis={formatHoursAxis}
        title={`Time per ${weekly ? 'week (by its Monday)' : 'day'} by ${split}`}
      />
    </section>
  );
}
