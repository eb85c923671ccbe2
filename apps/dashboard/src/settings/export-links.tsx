/** Downloads through `GET /api/export` (the session cookie goes along with a same-origin link). */
export function ExportLinks() {
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>All your time as intervals (start, end, tool, project, language, category, branch, machine).</p>
      <ul class="compact-list">
        <li>
          <a href="/api/export?format=json" download>
            Download JSON
          </a>{' '}
          <span class="muted small">— also holds every agent session rollup</span>
        </li>
        <li>
          <a href="/api/export?format=csv" download>
            Download CSV
          </a>{' '}
          <span class="muted small">— one row per interval, for spreadsheets</span>
        </li>
      </ul>
    </section>
  );
}
