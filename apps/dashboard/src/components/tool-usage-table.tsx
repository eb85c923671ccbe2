import { formatDuration } from '../format/format-duration.ts';
import { formatCount } from '../format/format-number.ts';

export interface ToolUsageRow {
  name: string;
  calls: number;
  failures: number;
  duration_ms: number;
}

/** Tool calls as the API reports them (per session or summed over a range): calls, failures, time. */
export function ToolUsageTable({ tools }: { tools: readonly ToolUsageRow[] }) {
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">Tool</th>
          <th scope="col" class="num">
            Calls
          </th>
          <th scope="col" class="num">
            Failed
          </th>
          <th scope="col" class="num">
            Time
          </th>
        </tr>
      </thead>
      <tbody>
        {tools.map((tool) => (
          <tr key={tool.name}>
            <th scope="row">{tool.name}</th>
            <td class="num">{formatCount(tool.calls)}</td>
            <td class="num">{formatCount(tool.failures)}</td>
            <td class="num">{formatDuration(tool.duration_ms / 1000)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
