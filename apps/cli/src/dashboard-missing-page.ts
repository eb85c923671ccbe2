/**
 * What `/` shows when apps/dashboard/dist is missing (a checkout where `pnpm start` was bypassed): how to
 * build the dashboard, and that the API works meanwhile.
 */
export function dashboardMissingPage(version: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>DevTime — dashboard not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}
code,pre{background:#8882;padding:.1rem .3rem;border-radius:4px}pre{padding:.6rem;overflow:auto}</style></head>
<body><h1>DevTime ${version}: the dashboard is not built</h1>
<p>The server and its API are running (<a href="/api/health"><code>/api/health</code></a>), but there is no
dashboard build to serve. Build it once from the repository root, then reload this page:</p>
<pre>npx -y pnpm@10.34.9 --filter @devtime/dashboard build</pre>
<p><code>npx -y pnpm@10.34.9 start</code> builds it before starting the server.</p>
</body></html>`;
}
