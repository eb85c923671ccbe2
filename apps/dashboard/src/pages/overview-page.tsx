import { useEffect, useMemo } from 'preact/hooks';
import type { HourWeekdayResponse, MachineListResponse, StatsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { BreakdownGrid } from '../components/breakdown-grid.tsx';
import { ConnectHelp } from '../components/connect-help.tsx';
import { DataState } from '../components/data-state.tsx';
import { LIVE_POLL_MS } from '../hooks/live-poll.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { projectHref } from '../links.ts';
import { CalendarHeatmap } from '../overview/calendar-heatmap.tsx';
import { DailyChart } from '../overview/daily-chart.tsx';
import { HourWeekdayHeatmap } from '../overview/hour-weekday-heatmap.tsx';
import { TotalsCards } from '../overview/totals-cards.tsx';
import { RangePicker } from '../range/range-picker.tsx';
import { includesToday, rangeQueryString } from '../range/range-presets.ts';
import { OVERVIEW_READY_MARK } from './overview-ready-mark.ts';

export function OverviewPage() {
  const { user } = useSession();
  const { selection, params, setSelection } = useRange();
  const live = includesToday(selection, Date.now(), user.timezone);
  const pollMs = live ? LIVE_POLL_MS : undefined;
  const stats = useApi<StatsResponse>('/api/stats', params, { pollMs });
  const hours = useApi<HourWeekdayResponse>('/api/stats/hours', params, { pollMs });
  const machines = useApi<MachineListResponse>('/api/machines');
  const machineName = (id: string) => {
    const machine = machines.data?.machines.find((m) => m.id === id);
    return machine?.name ?? machine?.hostname ?? id;
  };
  const rangeKey = rangeQueryString(selection);
  // The same vnode object makes Preact skip these subtrees (hundreds of cells) while a range switch
  // re-renders the rest of the page; they change only when their own data does.
  const hourGrid = useMemo(() => <HourWeekdayHeatmap state={hours} />, [hours.data, hours.error]);
  const calendar = useMemo(() => <CalendarHeatmap />, []);
  const shownKey = stats.current ? rangeKey : undefined;

  useEffect(() => {
    if (stats.data && performance.getEntriesByName(OVERVIEW_READY_MARK).length === 0) {
      performance.mark(OVERVIEW_READY_MARK);
    }
  }, [stats.data]);

  return (
    <section class="page" data-page="overview" data-shown-range={shownKey} aria-busy={stats.loading}>
      <div class="page-head">
        <h1>Overview</h1>
        {live && <span class="live-badge">Live · refreshes every minute</span>}
      </div>
      <RangePicker selection={selection} onChange={setSelection} />
      <DataState state={stats} label="stats">
        {(data) => (
          <>
            {data.total_seconds === 0 && (
              <ConnectHelp
                heading={live ? 'Nothing tracked in this range yet' : 'Nothing tracked in this range'}
              />
            )}
            <TotalsCards stats={data} />
            {data.total_seconds > 0 && (
              <>
                <DailyChart stats={data} />
                <BreakdownGrid
                  stats={data}
                  breakdowns={[
                    { by: 'tool', title: 'Tools' },
                    {
                      by: 'project',
                      title: 'Projects',
                      hrefOf: (key) => (key === 'unknown' ? undefined : projectHref(key, rangeKey)),
                    },
                    { by: 'language', title: 'Languages' },
                    { by: 'category', title: 'Categories' },
                    { by: 'machine', title: 'Machines', labelOf: machineName },
                    { by: 'branch', title: 'Branches' },
                  ]}
                />
              </>
            )}
          </>
        )}
      </DataState>
      {hourGrid}
      {calendar}
    </section>
  );
}
