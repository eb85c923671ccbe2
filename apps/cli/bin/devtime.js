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
  await import('../src/main.ts');
}
