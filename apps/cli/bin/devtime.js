#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping); no build step.
import module from 'node:module';

const [command] = process.argv.slice(2);
const SEMI_SPACE = '--max-semi-space-size';
if (command === 'hook' && !process.argv.includes('--dry-run')) {
  // Installed hooks run src/hook/fast-hook.cjs directly; `devtime hook` by hand takes the same path.
  const { runHook } = module.createRequire(import.meta.url)('../src/hook/fast-hook.cjs');
  runHook(process.argv.slice(3), process.env);
} else {
  // Caches the stripped and compiled sources (~60 ms saved per run after the first).
  module.enableCompileCache?.();
  // The sync state uses node:sqlite, stable on Node 24 but flagged experimental on 22: a user running
  // `devtime` on 22 should not see a warning about our storage choice on every command.
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) =>
    String(warning).includes('SQLite') ? undefined : emitWarning.call(process, warning, ...rest);
  if (command === 'backfill' && !process.execArgv.some((flag) => flag.startsWith(SEMI_SPACE))) {
    // A backfill streams hundreds of MB through short-lived strings. With V8's default 16 MB semi-spaces
    // its peak RSS on 500 MB of history was 165–183 MB; with 4 MB it is ~110 MB and GC takes less CPU
    // (bench/agents/backfill.bench.ts). The flag only takes effect at start-up, hence one re-exec
    // (~40 ms, measured) for a command that runs for seconds.
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(
      process.execPath,
      [`${SEMI_SPACE}=4`, ...process.execArgv, ...process.argv.slice(1)],
      { stdio: 'inherit' },
    );
    process.exitCode = child.status ?? 1;
  } else if (command === 'sync' && process.argv[3] === '--background' && process.argv.length === 4) {
    // What every hook starts: straight to the pass, without the CLI framework (bench/agents/sync.bench.ts).
    const { backgroundSync } = await import('../src/commands/agents-sync.ts');
    await backgroundSync(process.env, {});
  } else {
    await import('../src/main.ts');
  }
}
