import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../lib/spawn-devtime.ts';

export const DASHBOARD_DIR = join(REPO_ROOT, 'apps', 'dashboard');

/** `vite build` of the dashboard (what `pnpm start` does), timed. */
export function buildDashboard(): { durationMs: number } {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(DASHBOARD_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: DASHBOARD_DIR, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`dashboard build failed:\n${result.stdout}\n${result.stderr}`);
  return { durationMs: performance.now() - started };
}
