import { useMemo, useState } from 'preact/hooks';
import type { StatsResponse } from '../api/types.ts';
import { StackedBarChart } from '../charts/stacked-bar-chart.tsx';
import { Segmented } from '../components/segmented.tsx';
import { formatHours, formatHoursAxis } from '../format/format-duration.ts';
import { stackDays } from '../shape/stacked-series.ts';
import { inChartBuckets } from '../shape/weekly-buckets.ts';

type Split = 'tool' | 'project';

/** `by_day` of the stats as stacked bars by tool or by project, in hours. */
export function DailyChart({ stats }: { stats: StatsResponse }) {
  const [split, setSplit] = useState<Split>('project');
  const { stacked, weekly } = useMemo(() => {
    const { buckets, weekly } = inChartBuckets(
      stats.by_day.map((day) => ({
        date: day.date,
        values: split === 'tool' ? day.by_tool : day.by_project,
      })),
    );
    const ranking = split === 'tool' ? stats.by_tool : stats.by_project;
    return { stacked: stackDays(buckets, ranking, { scale: 1 / 3600 }), weekly };
  }, [stats, split]);
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
        weekly={weekly}
        stacked={stacked}
        formatValue={formatHours}
        formatAxis={formatHoursAxis}
        title={`Time per ${weekly ? 'week (by its Monday)' : 'day'} by ${split}`}
      />
    </section>
  );
}
