import { createApp } from '@devtime/api';
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { readConfig } from '../config/config-file.ts';
import { configPath, type Env } from '../config/paths.ts';
import { resolveServerSettings, type ServeFlags } from '../config/server-settings.ts';
import { DASHBOARD_DIST_DIR, mountDashboard } from '../dashboard-static.ts';
import { bootstrapIfEmpty } from '../first-run.ts';
import { createLogger } from '../logger.ts';
import { openStore } from '../open-store.ts';
import { VERSION } from '../version.ts';
import { fail } from './fail.ts';

export function registerServe(program: Command, env: Env): void {
  program
    .command('serve')
    .description('run the DevTime server (API + dashboard) on SQLite, or Postgres with --database-url')
    .option('--port <port>', 'port to listen on (default 7070; 0 picks a free one)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--data-dir <dir>', 'where the SQLite database lives (default ~/.devtime)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL instead of SQLite')
    .option('--allow-signup', 'let new users sign up through the API')
    .option(
      '--prices-file <file>',
      'JSON model prices merged over the bundled price table for cost estimates',
    )
    .action(async (flags: ServeFlags) => {
      const file = configPath(env);
      const config = await readConfig(file);
      if (!config.ok) return fail(config.error);
      const settings = resolveServerSettings(flags, env, config.value);
      if (!settings.ok) return fail(settings.error);
      const { value } = settings;
      const log = createLogger(Boolean(env.DEVTIME_DEBUG));
      const store = await openStore(value);
      const api = createApp({ store, log, config: value.api, version: VERSION });
      const dashboard = mountDashboard(api.app, { distDir: DASHBOARD_DIST_DIR, version: VERSION });

      const server = serve({ fetch: api.app.fetch, port: value.port, hostname: value.host }, async (info) => {
        const url = `http://${value.host.includes(':') ? `[${value.host}]` : value.host}:${info.port}`;
        const firstRun = await bootstrapIfEmpty(store, {
          configPath: file,
          endpoint: url,
          nowMs: Date.now(),
        });
        const database = value.databaseUrl ? 'PostgreSQL' : value.sqlitePath;
        // One write, so a supervisor reading stdout sees the whole first-run block with the URL line.
        const lines = [`DevTime ${VERSION} listening on ${url}  (database: ${database})`];
        if (!dashboard.built) {
          lines.push(
            `Dashboard not built (${DASHBOARD_DIST_DIR} is missing): run \`pnpm --filter @devtime/dashboard build\`.`,
          );
        }
        if (firstRun) {
          lines.push(
            '',
            'First run: created your local account. These are shown once:',
            `  username  ${firstRun.username}`,
            `  password  ${firstRun.password}`,
            `  API key   ${firstRun.key}`,
            `Saved the endpoint and key to ${file}, so local clients work at once.`,
            '',
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });

      let closing = false;
      const close = async () => {
        if (closing) return;
        closing = true;
        server.close();
        await api.shutdown();
        await store.close();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
    });
}
