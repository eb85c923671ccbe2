import { formatDuration } from '../format/format-duration.ts';
import { formatCount } from '../format/format-number.ts';
import { numeric, TableHead } from './table-head.tsx';

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
      <TableHead columns={['Tool', ...numeric('Calls', 'Failed', 'Time')]} />
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
