import type { HourWeekdayResponse } from '../api/types.ts';
import { DataState } from '../components/data-state.tsx';
import { formatDuration } from '../format/format-duration.ts';
import type { ApiState } from '../hooks/use-api.ts';
import { hourWeekdayRows } from '../shape/hour-weekday-grid.ts';

const HOUR_LABELS = Array.from({ length: 24 }, (_, hour) => (hour % 3 === 0 ? String(hour) : ''));

/** When in the week the time goes: `GET /api/stats/hours` as a weekday × hour grid of cells. */
export function HourWeekdayHeatmap({ state }: { state: ApiState<HourWeekdayResponse> }) {
  return (
    <section class="card wide" aria-labelledby="hours-heading">
      <h2 id="hours-heading">Hours of the week</h2>
      <DataState state={state} label="hours">
        {(hours) => (
          <div class="table-scroll">
            <table class="hour-grid">
              <caption class="visually-hidden">Time per weekday and hour, in {hours.range.timezone}</caption>
              <thead>
                <tr>
                  <td />
                  {HOUR_LABELS.map((label, hour) => (
                    <th scope="col" key={hour} aria-label={`${hour}:00`}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {hourWeekdayRows(hours.seconds).map((row) => (
                  <tr key={row.weekday}>
                    <th scope="row">{row.weekday}</th>
                    {row.cells.map((cell) => (
                      <td
                        key={cell.hour}
                        class={`cell level-${cell.level}`}
                        title={`${row.weekday} ${cell.hour}:00: ${formatDuration(cell.seconds)}`}
                      >
                        <span class="visually-hidden">{formatDuration(cell.seconds)}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </section>
  );
}
