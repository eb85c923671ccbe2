import type { AgentAdapter, FileEdit } from '@devtime/agents';
import type { Command } from 'commander';
import { selectAdapters } from '../agents/agent-client.ts';
import { agentContextFrom } from '../agents/agent-context.ts';
import { applyEdits, describeEdits } from '../agents/apply-edits.ts';
import { hookInvocation } from '../agents/hook-invocation.ts';
import type { Env } from '../config/paths.ts';
import { fail } from './fail.ts';

interface InstallFlags {
  target?: string;
  all?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerInstall(program: Command, env: Env): void {
  program
    .command('install')
    .description("merge DevTime's hooks into the agents' settings (detected agents unless --target/--all)")
    .option('--target <id>', 'one agent (claude, codex, …)')
    .option('--all', 'every supported agent, installed or not')
    .option('--force', 'rewrite our hooks even when they look current')
    .option('--dry-run', 'print the files that would be written, write nothing')
    .option('--json', 'print as JSON')
    .action((flags: InstallFlags) => run(env, flags, 'install'));

  program
    .command('uninstall')
    .description("remove DevTime's hooks (only ours) from the agents' settings")
    .option('--target <id>', 'one agent (claude, codex, …)')
    .option('--all', 'every supported agent (the default)')
    .option('--dry-run', 'print the files that would be written, write nothing')
    .option('--json', 'print as JSON')
    .action((flags: InstallFlags) => run(env, { ...flags, all: true }, 'uninstall'));
}

async function run(env: Env, flags: InstallFlags, action: 'install' | 'uninstall'): Promise<void> {
  const ctx = agentContextFrom(env);
  let adapters: AgentAdapter[];
  try {
    adapters = selectAdapters(flags.target);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (action === 'install' && !flags.target && !flags.all) {
    const detected = [];
    for (const adapter of adapters) if ((await adapter.detect(ctx)).installed) detected.push(adapter);
    if (detected.length === 0) {
      return fail('no supported agent found on this machine; use --target <id> or --all to install anyway');
    }
    adapters = detected;
  }
  const results: Array<{ agent: string; changed: boolean; files: string[]; notes: string[] }> = [];
  const allEdits: FileEdit[] = [];
  for (const adapter of adapters) {
    if (!adapter.hooks) {
      results.push({
        agent: adapter.id,
        changed: false,
        files: [],
        notes: ['no hook surface; use backfill'],
      });
      continue;
    }
    let edits: FileEdit[];
    try {
      edits =
        action === 'install'
          ? await adapter.hooks.planInstall(ctx, hookInvocation(adapter.id, flags.force === true))
          : await adapter.hooks.planUninstall(ctx);
    } catch (error) {
      return fail(`${adapter.displayName}: ${(error as Error).message}`);
    }
    allEdits.push(...edits);
    results.push({
      agent: adapter.id,
      changed: edits.length > 0,
      files: edits.map((edit) => edit.path),
      notes: action === 'install' ? adapter.hooks.installNotes : [],
    });
  }
  if (flags.dryRun) {
    if (flags.json) process.stdout.write(`${JSON.stringify({ dry_run: true, edits: allEdits }, null, 2)}\n`);
    else process.stdout.write(allEdits.length > 0 ? describeEdits(allEdits) : 'Nothing to change.\n');
    return;
  }
  await applyEdits(allEdits);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ [action]: results }, null, 2)}\n`);
    return;
  }
  for (const result of results) {
    const verb = action === 'install' ? 'hooks installed in' : 'hooks removed from';
    const same = action === 'install' ? 'hooks already installed' : 'no DevTime hooks to remove';
    process.stdout.write(
      `${result.agent}: ${result.changed ? `${verb} ${result.files.join(', ')}` : same}\n`,
    );
    for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
  }
}
