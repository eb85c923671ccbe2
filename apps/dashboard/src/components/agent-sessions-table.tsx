import { useState } from 'preact/hooks';
import type { AgentSessionListItem } from '../api/types.ts';
import { formatDuration } from '../format/format-duration.ts';
import { formatLocalDateTime } from '../format/format-time.ts';
import { agentSessionHref } from '../links.ts';
import { numeric, TableHead } from './table-head.tsx';

const PAGE_ROWS = 50;

/** Agent sessions, newest first, each linking to its detail page. */
export function AgentSessionsTable({
  sessions,
  timeZone,
}: {
  sessions: AgentSessionListItem[];
  timeZone: string;
}) {
  const [shown, setShown] = useState(PAGE_ROWS);
  const newest = [...sessions].sort((a, b) => b.started_at - a.started_at);
  if (newest.length === 0) return <p class="muted">No agent sessions in this range.</p>;
  return (
    <>
      <div class="table-scroll">
        <table class="data-table">
          <TableHead
            columns={['Started', 'Agent', 'Project', 'Branch', ...numeric('Span', 'Turns', 'Prompts')]}
          />
          <tbody>
            {newest.slice(0, shown).map((s) => (
              <tr key={`${s.agent}/${s.session_id}`}>
                <th scope="row">
                  <a href={agentSessionHref(s.agent, s.session_id)}>
                    {formatLocalDateTime(s.started_at, timeZone)}
                  </a>
                </th>
                <td>{s.agent}</td>
                <td>{s.project ?? '—'}</td>
                <td>{s.branch ?? '—'}</td>
                <td class="num">{formatDuration((s.ended_at - s.started_at) / 1000)}</td>
                <td class="num">{s.turns}</td>
                <td class="num">{s.prompts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {newest.length > shown && (
        <button type="button" class="link-button" onClick={() => setShown(shown + PAGE_ROWS)}>
          Show more ({newest.length - shown} left)
        </button>
      )}
    </>
  );
}
