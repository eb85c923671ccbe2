import type { StatsResponse } from '@devtime/protocol';
import type { Command } from 'commander';
import { resolveClientSettings } from '../client-settings.ts';
import { readConfig } from '../config/config-file.ts';
import { configPath, type Env } from '../config/paths.ts';
import { formatDuration } from '../format-duration.ts';
import { fail } from './fail.ts';

const TIMEOUT_MS = 5_000;

export function registerStatus(program: Command, env: Env): void {
  program
    .command('status')
    .description("check the server and show today's total")
    .option('--token <key>', 'API key to use')
    .option('--json', 'print as JSON')
    .action(async (options: { token?: string; json?: boolean }) => {
      const config = await readConfig(configPath(env));
      if (!config.ok) return fail(config.error);
      const settings = resolveClientSettings(options, env, config.value);
      const report: Record<string, unknown> = { endpoint: settings.endpoint, key_source: settings.keySource };
      try {
        const health = await fetch(new URL('/api/health', settings.endpoint), {
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        report.server = health.ok ? await health.json() : { status: `HTTP ${health.status}` };
      } catch (error) {
        report.server = { status: 'unreachable', error: (error as Error).message };
      }
      if (settings.key && (report.server as { status?: string }).status === 'ok') {
        const response = await fetch(new URL('/api/stats?range=today', settings.endpoint), {
          headers: { authorization: `Bearer ${settings.key}` },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body = (await response.json()) as StatsResponse & { error?: { message: string } };
        report.today = response.ok
          ? {
              total_seconds: body.total_seconds,
              text: formatDuration(body.total_seconds),
              by_tool: body.by_tool,
            }
          : { error: body.error?.message ?? `HTTP ${response.status}` };
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const server = report.server as { status: string; database?: string; error?: string };
        process.stdout.write(
          `Server   ${settings.endpoint}: ${server.status}${server.database ? ` (${server.database})` : ''}${server.error ? ` — ${server.error}` : ''}\n`,
        );
        process.stdout.write(
          `API key  ${settings.keySource === 'none' ? 'not configured' : `from ${settings.keySource}`}\n`,
        );
        const today = report.today as { text?: string; error?: string } | undefined;
        if (today) process.stdout.write(`Today    ${today.text ?? `error: ${today.error}`}\n`);
      }
      if ((report.server as { status: string }).status !== 'ok') process.exitCode = 1;
    });
}
