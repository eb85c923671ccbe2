import type { ProjectFilesResponse } from '../api/types.ts';
import { formatCount } from '../format/format-number.ts';
import { formatLocalDateTime } from '../format/format-time.ts';
import { numeric, TableHead } from './table-head.tsx';

/** Files editors worked on (from heartbeats), most heartbeats first, as `GET /api/projects/:p/files` lists them. */
export function EditorFilesTable({
  files,
  timeZone,
}: {
  files: ProjectFilesResponse['files'];
  timeZone: string;
}) {
  if (files.length === 0) return <p class="muted">No files in editor heartbeats in this range.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table" data-files="editors">
        <TableHead columns={['File', 'Language', ...numeric('Heartbeats', 'Saves'), 'Last seen']} />
        <tbody>
          {files.map((file) => (
            <tr
              key={file.path}
              data-path={file.path}
              data-heartbeats={file.heartbeats}
              data-writes={file.writes}
              data-last-seen={file.last_seen_ms}
            >
              <th scope="row" class="path">
                {file.path}
              </th>
              <td>{file.language ?? '—'}</td>
              <td class="num">{formatCount(file.heartbeats)}</td>
              <td class="num">{formatCount(file.writes)}</td>
              <td class="nowrap">
                <time dateTime={new Date(file.last_seen_ms).toISOString()}>
                  {formatLocalDateTime(file.last_seen_ms, timeZone)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
