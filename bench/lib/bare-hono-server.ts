// The baseline: the smallest @hono/node-server app that does what every ingest request must do at least,
// read and parse the JSON body, and answers {ok:true}. Run as a child process by spawn-bare-server.ts.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('*', async (c) => {
  await c.req.json();
  return c.json({ ok: true });
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare hono listening on http://127.0.0.1:${info.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
