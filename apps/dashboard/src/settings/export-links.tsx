/**
 * Downloads through `GET /api/export` (the session cookie goes along with a same-origin link): the time
 * as intervals, and the raw heartbeats the intervals were computed from.
 */
export function ExportLinks() {
  return (
    <section class="card" aria-labelledby="export-heading" data-section="export">
      <h2 id="export-heading">Export</h2>
      <h3>Time intervals</h3>
      <p>All your time as intervals (start, end, tool, project, language, category, branch, machine).</p>
      <ul class="compact-list">
        <li>
          <a href="/api/export?format=json" download data-export="durations-json">
            Download JSON
          </a>{' '}
          <span class="muted small">— also holds every agent session rollup</span>
        </li>
        <li>
          <a href="/api/export?format=csv" download data-export="durations-csv">
            Download CSV
          </a>{' '}
          <span class="muted small">— one row per interval, for spreadsheets</span>
        </li>
      </ul>
      <h3>Raw heartbeats</h3>
      <p>Every heartbeat your editors sent (file, language, branch, saves, line counts…), oldest first.</p>
      <ul class="compact-list">
        <li>
          <a href="/api/export?what=heartbeats&format=json" download data-export="heartbeats-json">
            Download JSON lines
          </a>{' '}
          <span class="muted small">— one JSON object per line (NDJSON)</span>
        </li>
        <li>
          <a href="/api/export?what=heartbeats&format=csv" download data-export="heartbeats-csv">
            Download CSV
          </a>{' '}
          <span class="muted small">— one row per heartbeat</span>
        </li>
      </ul>
    </section>
  );
}
