import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { useRoute } from 'preact-iso';
import type { AgentSessionRollup } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import { DataState } from '../components/data-state.tsx';
import { numeric, TableHead } from '../components/table-head.tsx';
import { ToolUsageTable } from '../components/tool-usage-table.tsx';
import { formatDuration } from '../format/format-duration.ts';
import { formatCount, formatTokens } from '../format/format-number.ts';
import { useApi } from '../hooks/use-api.ts';

/** One agent session's rollup as uploaded (`GET /api/agent/sessions/:agent/:id`): turns, models, tools, files. */
export function AgentSessionPage() {
  const { params } = useRoute();
  const { user } = useSession();
  const agent = decodeURIComponent(params.agent ?? '');
  const id = decodeURIComponent(params.id ?? '');
  const state = useApi<AgentSessionRollup>(
    `/api/agent/sessions/${encodeURIComponent(agent)}/${encodeURIComponent(id)}`,
  );
  const at = (ms: number) => format(new TZDate(ms, user.timezone), 'yyyy-MM-dd HH:mm:ss');
  return (
    <section class="page" data-page="agent-session">
      <p>
        <a href="/agents">← Agents</a>
      </p>
      <h1>
        {agent} session <code class="small">{id}</code>
      </h1>
      <DataState state={state} label="the session">
        {(s) => (
          <>
            <dl class="facts card">
              <dt>Project</dt>
              <dd>{s.project ?? '—'}</dd>
              <dt>Branch</dt>
              <dd>{s.branch ?? '—'}</dd>
              <dt>Started</dt>
              <dd>{at(s.started_at)}</dd>
              <dt>Ended</dt>
              <dd>{at(s.ended_at)}</dd>
              <dt>Span</dt>
              <dd>{formatDuration((s.ended_at - s.started_at) / 1000)}</dd>
              <dt>Agent version</dt>
              <dd>{s.agent_version ?? '—'}</dd>
              <dt>Turns</dt>
              <dd data-testid="turn-count">{s.turns.length}</dd>
            </dl>
            <div class="grid-2">
              <section class="card">
                <h2>Models</h2>
                <table class="data-table">
                  <TableHead columns={['Model', ...numeric('Calls', 'Input', 'Output', 'Cache r/w')]} />
                  <tbody>
                    {s.models.map((m) => (
                      <tr key={m.model}>
                        <th scope="row">{m.model}</th>
                        <td class="num">{formatCount(m.calls)}</td>
                        <td class="num">{formatTokens(m.input_tokens)}</td>
                        <td class="num">{formatTokens(m.output_tokens)}</td>
                        <td class="num">
                          {formatTokens(m.cache_read_tokens)} / {formatTokens(m.cache_write_tokens)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section class="card">
                <h2>Tools</h2>
                <ToolUsageTable tools={s.tools} />
              </section>
              <section class="card">
                <h2>Files</h2>
                <ul class="compact-list">
                  {s.files.map((f) => (
                    <li key={f.path ?? f.path_hash}>
                      <code>{f.path ?? f.path_hash}</code> <span class="added">+{f.lines_added}</span>{' '}
                      <span class="removed">−{f.lines_removed}</span>{' '}
                      <span class="muted small">
                        {f.reads} reads · {f.writes} writes
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
              <section class="card">
                <h2>Turns</h2>
                <ol class="compact-list">
                  {s.turns.map((turn) => (
                    <li key={turn.started_at}>
                      {at(turn.started_at).slice(11)} ·{' '}
                      {formatDuration((turn.ended_at - turn.started_at) / 1000)}
                      {turn.prompt_chars != null && (
                        <span class="muted small"> · prompt of {turn.prompt_chars} characters</span>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            </div>
          </>
        )}
      </DataState>
    </section>
  );
}
