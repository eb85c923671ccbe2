#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping); no build step.
import module from 'node:module';

const [command] = process.argv.slice(2);
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
  if (command === 'sync' && process.argv[3] === '--background' && process.argv.length === 4) {
    // What every hook starts: straight to the pass, without the CLI framework (bench/agents/sync.bench.ts).
    const { backgroundSync } = await import('../src/commands/agents-sync.ts');
    await backgroundSync(process.env, {});
  } else {
    await import('../src/main.ts');
  }
}
