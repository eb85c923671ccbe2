import type { TokenTotals } from '../api/types.ts';
import { formatCount, formatTokens, formatUsd } from '../format/format-number.ts';
import { numeric, TableHead } from './table-head.tsx';

/** Token totals by model or agent (`agents.by_model` / `by_agent` of the stats), as the API sums them. */
export function UsageTable({
  title,
  record,
  id,
}: {
  title: string;
  record: Record<string, TokenTotals>;
  id: string;
}) {
  const rows = Object.entries(record).sort((a, b) => b[1].total_tokens - a[1].total_tokens);
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">No agent usage in this range.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-usage={id}>
            <TableHead
              columns={[
                'Name',
                ...numeric('Calls', 'Input', 'Output', 'Cache write', 'Cache read', 'Total', 'Cost'),
              ]}
            />
            <tbody>
              {rows.map(([name, t]) => (
                <tr key={name} data-key={name} data-tokens={t.total_tokens}>
                  <th scope="row">{name}</th>
                  <td class="num">{formatCount(t.calls)}</td>
                  <td class="num">{formatTokens(t.input_tokens)}</td>
                  <td class="num">{formatTokens(t.output_tokens)}</td>
                  <td class="num">{formatTokens(t.cache_write_tokens)}</td>
                  <td class="num">{formatTokens(t.cache_read_tokens)}</td>
                  <td class="num">{formatTokens(t.total_tokens)}</td>
                  <td class="num">{formatUsd(t.cost_usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
