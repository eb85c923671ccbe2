import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { agentClient, selectAdapters } from '../agents/agent-client.ts';
import { runSync, type SyncReport } from '../agents/run-sync.ts';
import { claimLinger, lockPaths, pendingSinceMs, releaseLinger, tryLock } from '../agents/sync-lock.ts';
import type { Env } from '../config/paths.ts';
import { fail } from './fail.ts';

export interface SyncFlags {
  source?: string;
  token?: string;
  json?: boolean;
  dryRun?: boolean;
  background?: boolean;
}

const DEFAULT_DELAY_MS = 1500;
const DEFAULT_LINGER_MS = 60_000;
const LINGER_POLL_MS = 250;
const FOREGROUND_LOCK_WAIT_MS = 60_000;

export function registerSync(program: Command, env: Env): void {
  program
    .command('sync')
    .description('upload what changed in the agents’ history since the last sync (incremental)')
    .option('--source <id>', 'one agent (claude, codex, …) or all', 'all')
    .option('--token <key>', 'API key to use')
    .option('--json', 'print as JSON')
    .option('--dry-run', 'print the exact payload, write and upload nothing')
    .option('--background', 'internal: the detached sync started by hooks (throttled, never fails)')
    .action(async (flags: SyncFlags) => {
      if (flags.background) return backgroundSync(env, flags);
      return foregroundSync(env, flags);
    });
}

async function foregroundSync(env: Env, flags: SyncFlags): Promise<void> {
  let client: Awaited<ReturnType<typeof agentClient>>;
  let adapters: ReturnType<typeof selectAdapters>;
  try {
    client = await agentClient(env, flags);
    adapters = selectAdapters(flags.source);
  } catch (error) {
    return fail((error as Error).message);
  }
  const release = flags.dryRun ? () => {} : await waitForLock(client.dataDir);
  if (!release) return fail('another `devtime sync` has held the lock for a minute; try again later');
  let report: SyncReport;
  try {
    report = await runSync({ ...client, adapters, dryRun: flags.dryRun === true });
  } finally {
    release();
  }
  if (flags.dryRun) {
    process.stdout.write(`${JSON.stringify({ sessions: report.payload ?? [] }, null, 2)}\n`);
    return;
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${describeReport(report)}\n`);
  if (report.error) fail(report.error);
}

/**
 * Started detached by a hook. Waits a moment so a burst of hook events becomes one pass, syncs, and then
 * lingers (`DEVTIME_SYNC_LINGER_MS`, a minute by default) watching for more hook events, so that while
 * an agent is busy its hooks find a sync alive and return without starting another process (the hook's
 * cost per event, bench/agents/hook.bench.ts). Passes are at least `DEVTIME_SYNC_DELAY_MS` apart: the
 * throttle. It holds the sync lock only during a pass, so a foreground `devtime sync` never waits on an
 * idle one. Never fails: problems go to `agents/sync.log` and changes stay queued for the next run.
 */
export async function backgroundSync(env: Env, flags: SyncFlags): Promise<void> {
  const delayMs = nonNegative(env.DEVTIME_SYNC_DELAY_MS, DEFAULT_DELAY_MS);
  const lingerMs = nonNegative(env.DEVTIME_SYNC_LINGER_MS, DEFAULT_LINGER_MS);
  try {
    const client = await agentClient(env, flags);
    const paths = lockPaths(client.dataDir);
    const log = (line: string) => {
      try {
        appendFileSync(join(paths.dir, 'sync.log'), `${new Date().toISOString()} ${line}\n`);
      } catch {
        // logging must never be the reason a sync fails
      }
      if (env.DEVTIME_DEBUG) process.stderr.write(`devtime sync: ${line}\n`);
    };
    let lastPassStartMs = 0;
    /** One pass if a hook asked since the last one and no other sync is running now. */
    const passIfPending = async (): Promise<boolean> => {
      if ((pendingSinceMs(client.dataDir) ?? 0) < lastPassStartMs) return false;
      const release = tryLock(client.dataDir);
      if (!release) return false; // the running sync sees the pending mark itself
      try {
        lastPassStartMs = Date.now();
        log(
          describeReport(
            await runSync({
              ...client,
              adapters: selectAdapters(flags.source),
              dryRun: false,
              mode: 'hinted',
            }),
          ),
        );
      } finally {
        release();
      }
      return true;
    };
    if (!claimLinger(paths.linger)) return; // another sync is lingering and will see the hook's mark
    try {
      await sleep(delayMs);
      let idleSinceMs = Date.now();
      while (Date.now() - idleSinceMs < lingerMs) {
        if (await passIfPending()) {
          idleSinceMs = Date.now();
          await sleep(delayMs);
        } else {
          await sleep(LINGER_POLL_MS);
        }
      }
    } finally {
      releaseLinger(paths.linger);
    }
    // A hook may have seen us lingering just before we stopped: one last look.
    while (await passIfPending()) await sleep(delayMs);
  } catch (error) {
    if (env.DEVTIME_DEBUG) process.stderr.write(`devtime sync: ${(error as Error).stack}\n`);
  }
}

export function describeReport(report: SyncReport): string {
  const parts = [
    `read ${report.filesRead} file(s), ${(report.bytesRead / 1e6).toFixed(1)} MB (${report.scope === 'full' ? 'whole history listed' : 'files hooks named'})`,
    `sessions: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged`,
  ];
  if (report.excluded > 0) parts.push(`${report.excluded} excluded by [privacy]`);
  if (report.rejected.length > 0) {
    parts.push(
      `${report.rejected.length} rejected (${report.rejected.map((r) => `${r.agent}/${r.session_id}: ${r.reason}`).join('; ')})`,
    );
  }
  if (report.waiting > 0) parts.push(`${report.waiting} waiting for upload`);
  if (report.error) parts.push(`error: ${report.error}`);
  return parts.join('; ');
}

async function waitForLock(dataDir: string): Promise<(() => void) | null> {
  const deadline = Date.now() + FOREGROUND_LOCK_WAIT_MS;
  for (;;) {
    const release = tryLock(dataDir);
    if (release) return release;
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nonNegative(value: string | undefined, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isFinite(number) && number >= 0 ? number : fallback;
}
