import { useEffect, useMemo } from 'preact/hooks';
import type { HourWeekdayResponse, MachineListResponse, StatsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { BreakdownList } from '../components/breakdown-list.tsx';
import { ConnectHelp } from '../components/connect-help.tsx';
import { DataState } from '../components/data-state.tsx';
import { LIVE_POLL_MS } from '../hooks/live-poll.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { CalendarHeatmap } from '../overview/calendar-heatmap.tsx';
import { DailyChart } from '../overview/daily-chart.tsx';
import { HourWeekdayHeatmap } from '../overview/hour-weekday-heatmap.tsx';
import { TotalsCards } from '../overview/totals-cards.tsx';
import { RangePicker } from '../range/range-picker.tsx';
import { includesToday, rangeQueryString } from '../range/range-presets.ts';

/** Marks the first render with numbers, so the bench can read "navigation → overview interactive". */
export const OVERVIEW_READY_MARK = 'devtime:overview-ready';

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
                <div class="grid-2">
                  <BreakdownList
                    id="tool"
                    title="Tools"
                    record={data.by_tool}
                    totalSeconds={data.total_seconds}
                  />
                  <BreakdownList
                    id="project"
                    title="Projects"
                    record={data.by_project}
                    totalSeconds={data.total_seconds}
                    hrefOf={(key) =>
                      key === 'unknown' ? undefined : `/projects/${encodeURIComponent(key)}?${rangeKey}`
                    }
                  />
                  <BreakdownList
                    id="language"
                    title="Languages"
                    record={data.by_language}
                    totalSeconds={data.total_seconds}
                  />
                  <BreakdownList
                    id="category"
                    title="Categories"
                    record={data.by_category}
                    totalSeconds={data.total_seconds}
                  />
                  <BreakdownList
                    id="machine"
                    title="Machines"
                    record={data.by_machine}
                    totalSeconds={data.total_seconds}
                    labelOf={machineName}
                  />
                  <BreakdownList
                    id="branch"
                    title="Branches"
                    record={data.by_branch}
                    totalSeconds={data.total_seconds}
                  />
                </div>
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
