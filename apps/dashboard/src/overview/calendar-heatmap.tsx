import { useMemo } from 'preact/hooks';
import type { StatsResponse } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { DataState } from '../components/data-state.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { LIVE_POLL_MS } from '../hooks/live-poll.ts';
import { useApi } from '../hooks/use-api.ts';
import { yearWindow } from '../range/range-presets.ts';
import { calendarGrid } from '../shape/calendar-heatmap.ts';
import { WEEKDAYS } from '../shape/hour-weekday-grid.ts';

/**
 * The last 53 weeks, one cell per day coloured by time (a CSS grid: each cell is data, not drawing).
 * Reads `by_day` of its own stats query, so its days equal the API's.
 */
export function CalendarHeatmap() {
  const { user } = useSession();
  const span = useMemo(() => yearWindow(Date.now(), user.timezone), [user.timezone]);
  const state = useApi<StatsResponse>('/api/stats', span, { pollMs: LIVE_POLL_MS });
  return (
    <section class="card wide" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">The last year</h2>
      <DataState state={state} label="the year">
        {(stats) => {
          const grid = calendarGrid(stats.by_day);
          const activeDays = stats.by_day.filter((day) => day.seconds > 0).length;
          return (
            <div class="table-scroll">
              <div class="calendar" style={{ '--weeks': grid.weeks.length }}>
                <div class="calendar-months" aria-hidden="true">
                  {grid.months.map((month) => (
                    <span key={`${month.week}-${month.label}`} style={{ gridColumn: month.week + 2 }}>
                      {month.label}
                    </span>
                  ))}
                </div>
                <div class="calendar-weekdays" aria-hidden="true">
                  {WEEKDAYS.map((day, i) => (
                    <span key={day}>{i % 2 === 0 ? day : ''}</span>
                  ))}
                </div>
                {/* Hover shows each day; screen readers get the summary (the days are in the overview's chart table). */}
                <div
                  class="calendar-weeks"
                  role="img"
                  aria-label={`${activeDays} active days, ${formatDuration(stats.total_seconds)} in total`}
                >
                  {grid.weeks.map((week, w) => (
                    <div class="calendar-week" key={w}>
                      {week.map((cell, d) =>
                        cell ? (
                          <span
                            key={cell.date}
                            class={`cell level-${cell.level}`}
                            title={`${cell.date}: ${formatDuration(cell.seconds)}`}
                            data-date={cell.date}
                          />
                        ) : (
                          <span class="cell empty" key={`empty-${d}`} />
                        ),
                      )}
                    </div>
                  ))}
                </div>
              </div>
            </div>
          );
        }}
      </DataState>
    </section>
  );
}
