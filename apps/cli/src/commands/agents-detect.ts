import { AGENT_ADAPTERS, type Detection } from '@devtime/agents';
import type { Command } from 'commander';
import { agentContextFrom } from '../agents/agent-context.ts';
import { hookInvocation } from '../agents/hook-invocation.ts';
import type { Env } from '../config/paths.ts';

/** Every supported agent: whether it is on this machine, where its history is, and our hook status. */
export async function detectAgents(env: Env): Promise<Detection[]> {
  const ctx = agentContextFrom(env);
  const detections: Detection[] = [];
  for (const adapter of AGENT_ADAPTERS) {
    const detection = await adapter.detect(ctx);
    const hooks = adapter.hooks
      ? await adapter.hooks
          .status(ctx, hookInvocation(adapter.id, false))
          .catch(() => 'not-installed' as const)
      : 'unsupported';
    detections.push({ ...detection, hooks });
  }
  return detections;
}

export function registerDetect(program: Command, env: Env): void {
  program
    .command('detect')
    .description('list supported AI agents, whether they are installed, and hook status')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const detections = await detectAgents(env);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ agents: detections }, null, 2)}\n`);
        return;
      }
      for (const d of detections) {
        process.stdout.write(
          `${d.installed ? '✓' : '·'} ${d.displayName.padEnd(12)} ${d.agent.padEnd(8)} ${
            d.installed ? 'installed    ' : 'not found    '
          } hooks: ${d.hooks}\n`,
        );
        process.stdout.write(`    history:  ${d.dataRoots.join(', ')}\n`);
        if (d.settingsFiles.length > 0) process.stdout.write(`    settings: ${d.settingsFiles.join(', ')}\n`);
        for (const note of d.notes) process.stdout.write(`    note: ${note}\n`);
      }
      const missing = detections.filter(
        (d) => d.installed && d.hooks !== 'installed' && d.hooks !== 'unsupported',
      );
      if (missing.length > 0) {
        process.stdout.write(
          `\nRun \`devtime install\` to hook up ${missing.map((d) => d.agent).join(', ')}.\n`,
        );
      }
    });
}
