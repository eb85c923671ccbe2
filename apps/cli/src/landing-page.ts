/** What `/` shows until the dashboard is served here: where the API is and how to connect a client. */
export function landingPage(version: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>DevTime</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
code{background:#8882;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>DevTime ${version}</h1>
<p>The server is running. Health: <a href="/api/health"><code>/api/health</code></a>.</p>
<p>Your API key and endpoint were written to <code>~/.devtime/config.toml</code> on first run.
Send heartbeats to <code>POST /api/heartbeat</code> and read <code>GET /api/stats?range=today</code>
with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
</body></html>`;
}
