// ccusage from npm (devDependencies of bench). Since v20 the npm package is a small node launcher
// (src/cli.js) that spawns a static native binary from the optional dependency
// @ccusage/ccusage-<platform>-<arch>; a user runs it as `npx ccusage …`, which is what this runs.
// `ccusage-js` is the alias for 19.0.3, the last release that was JavaScript (bundled, node only).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ModelTotals, totalsOf } from './token-totals.ts';

const require = createRequire(join(import.meta.dirname, '..', '..', 'package.json'));

export interface CcusageInstall {
  version: string;
  /** The launcher users run (`bin.ccusage`). */
  launcher: string;
  /** The native binary the launcher spawns, when installed. */
  nativeBinary: string | null;
  nativePackage: string | null;
}

/** `ccusage` (native since v20) or `ccusage-js` (19.0.3, JavaScript), as installed in bench. */
export function findCcusage(name: 'ccusage' | 'ccusage-js' = 'ccusage'): CcusageInstall | null {
  let pkgPath: string;
  try {
    pkgPath = require.resolve(`${name}/package.json`);
  } catch {
    return null;
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string; bin: Record<string, string> };
  const launcher = join(dirname(pkgPath), pkg.bin.ccusage ?? 'src/cli.js');
  const nativePackage = `@ccusage/ccusage-${process.platform}-${process.arch}`;
  let nativeBinary: string | null = null;
  try {
    const local = createRequire(pkgPath);
    const binary = local.resolve(`${nativePackage}/bin/ccusage`);
    if (existsSync(binary)) nativeBinary = binary;
  } catch {
    // not installed for this platform
  }
  return { version: pkg.version, launcher, nativeBinary, nativePackage: nativeBinary ? nativePackage : null };
}

/** `ccusage daily --json --offline` as a user runs it (node launcher → native binary). */
export function ccusageCommand(install: CcusageInstall, args: readonly string[]): string[] {
  return [process.execPath, install.launcher, ...args];
}

interface CcusageBreakdown {
  modelName: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** Sums `daily[].modelBreakdowns[]` of `ccusage [claude] daily --json` per model. */
export function ccusageModelTotals(stdout: string): ModelTotals {
  const report = JSON.parse(stdout) as { daily?: Array<{ modelBreakdowns?: CcusageBreakdown[] }> };
  const out: ModelTotals = {};
  for (const day of report.daily ?? []) {
    for (const b of day.modelBreakdowns ?? []) {
      const t = totalsOf(out, b.modelName);
      t.input += b.inputTokens;
      t.output += b.outputTokens;
      t.cache_creation += b.cacheCreationTokens;
      t.cache_read += b.cacheReadTokens;
    }
  }
  return out;
}
