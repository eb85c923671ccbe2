import { useState } from 'preact/hooks';
import { formatDuration } from '../format/format-duration.ts';
import { formatShare } from '../format/format-number.ts';
import { breakdownRows } from '../shape/breakdown-rows.ts';

const COLLAPSED_ROWS = 8;

/**
 * One breakdown of `GET /api/stats` (by tool, project, language, …) as bars with durations and shares.
 * Every value is the API's, formatted; `labelOf` and `hrefOf` only change how keys are shown.
 */
export function BreakdownList({
  title,
  record,
  totalSeconds,
  labelOf = (key) => key,
  hrefOf,
  id,
}: {
  title: string;
  record: Record<string, number>;
  totalSeconds: number;
  labelOf?: (key: string) => string;
  hrefOf?: (key: string) => string | undefined;
  id: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const rows = breakdownRows(record, totalSeconds);
  const shown = expanded ? rows : rows.slice(0, COLLAPSED_ROWS);
  return (
    <section class="card breakdown" aria-labelledby={`${id}-heading`} data-breakdown={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">Nothing in this range.</p>
      ) : (
        <ul>
          {shown.map((row) => {
            const href = hrefOf?.(row.key);
            const label = labelOf(row.key);
            return (
              <li key={row.key} data-key={row.key} data-seconds={row.seconds}>
                <div class="breakdown-label">
                  {href ? <a href={href}>{label}</a> : <span>{label}</span>}
                  <span class="figure">
                    {formatDuration(row.seconds)}{' '}
                    <span class="muted">{formatShare(row.seconds, totalSeconds)}</span>
                  </span>
                </div>
                <div class="bar" aria-hidden="true">
                  <span style={{ width: `${row.share * 100}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {rows.length > COLLAPSED_ROWS && (
        <button
          type="button"
          class="link-button"
          onClick={() => setExpanded(!expanded)}
          aria-expanded={expanded}
        >
          {expanded ? 'Show fewer' : `Show all ${rows.length}`}
        </button>
      )}
    </section>
  );
}
