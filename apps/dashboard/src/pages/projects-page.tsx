import type { StatsResponse } from '../api/types.ts';
import { ConnectHelp } from '../components/connect-help.tsx';
import { DataState } from '../components/data-state.tsx';
import { numeric, TableHead } from '../components/table-head.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { formatShare } from '../format/format-number.ts';
import { useApi } from '../hooks/use-api.ts';
import { useRange } from '../hooks/use-range.ts';
import { projectHref } from '../links.ts';
import { RangePicker } from '../range/range-picker.tsx';
import { rangeQueryString } from '../range/range-presets.ts';

/** Every project with time in the range (`by_project` of the stats), each leading to its page. */
export function ProjectsPage() {
  const { selection, params, setSelection } = useRange();
  const state = useApi<StatsResponse>('/api/stats', params);
  const suffix = rangeQueryString(selection);
  return (
    <section class="page" data-page="projects">
      <h1>Projects</h1>
      <RangePicker selection={selection} onChange={setSelection} />
      <DataState state={state} label="projects">
        {(stats) => {
          const projects = Object.entries(stats.by_project);
          if (projects.length === 0) return <ConnectHelp heading="No projects in this range" />;
          return (
            <div class="card">
              <table class="data-table">
                <TableHead columns={['Project', ...numeric('Time', 'Share'), 'Trend']} />
                <tbody>
                  {projects.map(([project, seconds]) => {
                    const perDay = stats.by_day.map((day) => day.by_project[project] ?? 0);
                    const max = Math.max(...perDay, 1);
                    return (
                      <tr key={project} data-project={project}>
                        <th scope="row">
                          {project === 'unknown' ? (
                            <span class="muted">no project detected</span>
                          ) : (
                            <a href={projectHref(project, suffix)}>{project}</a>
                          )}
                        </th>
                        <td class="num">{formatDuration(seconds)}</td>
                        <td class="num">{formatShare(seconds, stats.total_seconds)}</td>
                        <td>
                          <span class="sparkline" aria-hidden="true">
                            {perDay.map((value, i) => (
                              <span
                                key={stats.by_day[i]!.date}
                                style={{ height: `${(value / max) * 100}%` }}
                              />
                            ))}
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </DataState>
    </section>
  );
}
