import type { AgentActivityResponse } from '../api/types.ts';
import { formatCount } from '../format/format-number.ts';
import { numeric, TableHead } from './table-head.tsx';

/** Files agents read and changed (from the uploaded rollups), most lines changed first. */
export function AgentFilesTable({
  files,
  showProject,
}: {
  files: AgentActivityResponse['files'];
  showProject: boolean;
}) {
  if (files.length === 0) return <p class="muted">No files touched by agents in this range.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table" data-files="agents">
        <TableHead
          columns={[
            'File',
            ...(showProject ? ['Project'] : []),
            'Language',
            ...numeric('Reads', 'Writes', 'Lines +/−'),
          ]}
        />
        <tbody>
          {files.map((file) => (
            <tr key={`${file.project}/${file.path}`}>
              <th scope="row" class="path">
                {file.path}
              </th>
              {showProject && <td>{file.project ?? '—'}</td>}
              <td>{file.language ?? '—'}</td>
              <td class="num">{formatCount(file.reads)}</td>
              <td class="num">{formatCount(file.writes)}</td>
              <td class="num">
                <span class="added">+{formatCount(file.lines_added)}</span>{' '}
                <span class="removed">−{formatCount(file.lines_removed)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
