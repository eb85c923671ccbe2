import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/', import.meta.url));
const VITE_BIN = fileURLToPath(new URL('../../../dashboard/node_modules/vite/bin/vite.js', import.meta.url));

/**
 * `vite build` of apps/dashboard into its dist/, which `devtime serve` serves (about a second), timed.
 * The browser tests and the dashboard bench both build with this.
 */
export function buildDashboard(): { durationMs: number } {
  const started = performance.now();
  if (!existsSync(VITE_BIN)) throw new Error(`vite is not installed at ${VITE_BIN}: run pnpm install`);
  const result = spawnSync(process.execPath, [VITE_BIN, 'build', '--logLevel', 'warn'], {
    cwd: DASHBOARD_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`dashboard build failed:\n${result.stdout}\n${result.stderr}`);
  return { durationMs: performance.now() - started };
}
