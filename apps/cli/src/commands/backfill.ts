import type { AgentAdapter } from '@devtime/agents';
import type { AgentSessionRollupInput } from '@devtime/protocol';
import type { Command } from 'commander';
import { type AgentClient, agentClient, selectAdapters } from '../agents/agent-client.ts';
import { prepareRollup } from '../agents/prepare-rollup.ts';
import { createProgress } from '../agents/progress-line.ts';
import { matchesFilter, parseDateFlag, type RollupFilter } from '../agents/rollup-filter.ts';
import { type AgentScanReport, scanHistory } from '../agents/scan-history.ts';
import { summarizeRollups } from '../agents/summarize-rollups.ts';
import { uploadRollups } from '../agents/upload-rollups.ts';
import { verifyAgainstServer } from '../agents/verify-server.ts';
import type { Env } from '../config/paths.ts';
import { fail } from './fail.ts';

interface BackfillFlags {
  source?: string;
  since?: string;
  until?: string;
  project?: string;
  json?: boolean;
  dryRun?: boolean;
  token?: string;
}

export function registerBackfill(program: Command, env: Env): void {
  const backfill = program
    .command('backfill')
    .description("import the agents' past sessions from local history");
  const common = (command: Command) =>
    command
      .option('--source <id>', 'one agent (claude, codex, …) or all', 'all')
      .option('--since <date>', 'only sessions active on or after (2026-03-01, ISO time, or 30d)')
      .option('--until <date>', 'only sessions active on or before')
      .option('--project <name>', 'only this project')
      .option('--json', 'print as JSON')
      .option('--token <key>', 'API key to use');

  common(backfill.command('discover').description('list the history sources found on this machine')).action(
    (flags: BackfillFlags) => discover(env, flags),
  );
  common(backfill.command('plan').description('read the history and show what would be imported')).action(
    (flags: BackfillFlags) => plan(env, flags),
  );
  common(backfill.command('import').description('read the history and upload it (idempotent)'))
    // No --force: an import always sends every session and the server's upsert dedupes, so there is
    // nothing for a flag to force.
    .option('--dry-run', 'print the exact payload, upload nothing')
    .action((flags: BackfillFlags) => importHistory(env, flags));
  common(backfill.command('verify').description('compare local totals with what the server holds')).action(
    (flags: BackfillFlags) => verify(env, flags),
  );
}

async function setup(env: Env, flags: BackfillFlags) {
  try {
    const client = await agentClient(env, flags);
    const adapters = selectAdapters(flags.source);
    const nowMs = Date.now();
    const filter: RollupFilter = {
      sinceMs: parseDateFlag(flags.since, nowMs),
      untilMs: parseDateFlag(flags.until, nowMs, true),
      project: flags.project,
    };
    return { client, adapters, filter };
  } catch (error) {
    return fail((error as Error).message);
  }
}

async function discover(env: Env, flags: BackfillFlags): Promise<void> {
  const { client, adapters } = await setup(env, flags);
  const sources = [];
  for (const adapter of adapters) {
    const files = await adapter.listSources(client.ctx);
    const detection = await adapter.detect(client.ctx);
    sources.push({
      agent: adapter.id,
      name: adapter.displayName,
      roots: detection.dataRoots,
      files: files.length,
      bytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
      oldest: files.length > 0 ? new Date(Math.min(...files.map((f) => f.mtimeMs))).toISOString() : null,
      newest: files.length > 0 ? new Date(Math.max(...files.map((f) => f.mtimeMs))).toISOString() : null,
    });
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ sources }, null, 2)}\n`);
    return;
  }
  for (const source of sources) {
    process.stdout.write(
      `${source.agent.padEnd(8)} ${String(source.files).padStart(6)} files ${(source.bytes / 1e6).toFixed(1).padStart(9)} MB  ${source.roots.join(', ')}\n`,
    );
  }
}

/** Reads the selected agents' history and returns the rollups as they would be sent. */
async function collect(
  client: AgentClient,
  adapters: AgentAdapter[],
  filter: RollupFilter,
  quiet: boolean,
): Promise<{ reports: AgentScanReport[]; rollups: AgentSessionRollupInput[]; excluded: number }> {
  const reports: AgentScanReport[] = [];
  const rollups: AgentSessionRollupInput[] = [];
  let excluded = 0;
  for (const adapter of adapters) {
    const progress = createProgress(`Reading ${adapter.displayName}`, quiet);
    const scanned = await scanHistory(adapter, client.ctx, (p) =>
      progress.update(p.bytesDone, p.bytesTotal, 'MB'),
    );
    progress.done();
    reports.push(scanned.report);
    for (const rollup of scanned.rollups) {
      if (!matchesFilter(rollup, filter)) continue;
      const prepared = prepareRollup(rollup, client.privacy, client.machineId);
      if (prepared) rollups.push(prepared);
      else excluded += 1;
    }
  }
  return { reports, rollups, excluded };
}

async function plan(env: Env, flags: BackfillFlags): Promise<void> {
  const { client, adapters, filter } = await setup(env, flags);
  const { reports, rollups, excluded } = await collect(client, adapters, filter, flags.json === true);
  const summary = summarizeRollups(rollups);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ sources: reports, excluded, ...summary }, null, 2)}\n`);
    return;
  }
  for (const report of reports) {
    process.stdout.write(
      `${report.agent}: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB, ${report.sessions} sessions` +
        `${report.skippedLines > 0 ? `, ${report.skippedLines} unreadable lines skipped` : ''}\n`,
    );
  }
  process.stdout.write(
    `Would import ${summary.sessions} sessions (${summary.prompts} prompts)${excluded > 0 ? `; ${excluded} excluded by [privacy]` : ''}\n`,
  );
  for (const model of summary.models) {
    process.stdout.write(
      `  ${model.agent.padEnd(7)} ${model.model.padEnd(28)} ${String(model.calls).padStart(7)} calls  in ${model.input_tokens}  out ${model.output_tokens}  cache w ${model.cache_write_tokens}  cache r ${model.cache_read_tokens}\n`,
    );
  }
}

async function importHistory(env: Env, flags: BackfillFlags): Promise<void> {
  const { client, adapters, filter } = await setup(env, flags);
  const { reports, rollups, excluded } = await collect(
    client,
    adapters,
    filter,
    flags.json === true || flags.dryRun === true,
  );
  if (flags.dryRun) {
    process.stdout.write(`${JSON.stringify({ sessions: rollups }, null, 2)}\n`);
    return;
  }
  if (!client.target) return fail('no API key configured: run `devtime token set <key>` or pass --token');
  const progress = createProgress('Uploading', flags.json === true);
  const outcomes = await uploadRollups(client.target, rollups, {
    onProgress: (done) => progress.update(done, rollups.length, 'sessions'),
  });
  progress.done();
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0, failed: 0 };
  const problems: string[] = [];
  outcomes.forEach((outcome, index) => {
    counts[outcome.status] += 1;
    if (outcome.status === 'rejected' || outcome.status === 'failed') {
      problems.push(`${rollups[index]?.agent}/${rollups[index]?.session_id}: ${outcome.reason}`);
    }
  });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ sources: reports, excluded, ...counts, problems }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `Imported ${rollups.length} sessions: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged` +
        `${counts.rejected > 0 ? `, ${counts.rejected} rejected` : ''}${counts.failed > 0 ? `, ${counts.failed} not sent` : ''}` +
        `${excluded > 0 ? `; ${excluded} excluded by [privacy]` : ''}\n`,
    );
    for (const problem of problems.slice(0, 20)) process.stdout.write(`  ${problem}\n`);
  }
  if (counts.failed > 0) fail(`${counts.failed} sessions were not sent; run the import again`);
}

async function verify(env: Env, flags: BackfillFlags): Promise<void> {
  const { client, adapters, filter } = await setup(env, flags);
  if (!client.target) return fail('no API key configured: run `devtime token set <key>` or pass --token');
  const { rollups } = await collect(client, adapters, filter, flags.json === true);
  let result: Awaited<ReturnType<typeof verifyAgainstServer>>;
  try {
    result = await verifyAgainstServer(client.target, rollups);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `${result.matching} of ${result.local} sessions match the server; ${result.missing.length} missing, ${result.different.length} different\n`,
    );
    for (const line of [
      ...result.missing.map((id) => `missing   ${id}`),
      ...result.different.map((d) => `different ${d}`),
    ].slice(0, 50)) {
      process.stdout.write(`  ${line}\n`);
    }
  }
  if (result.missing.length > 0 || result.different.length > 0) process.exitCode = 1;
}
