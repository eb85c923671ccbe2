// Builds the bundle and packages the VSIX with @vscode/vsce (no dependencies: everything is bundled).
// Prints the VSIX path. Run: node apps/vscode/scripts/package-vsix.ts [--out DIR]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension } from './build.ts';

const root = join(import.meta.dirname, '..');

export async function packageVsix(outDir = join(root, 'dist')): Promise<string> {
  await buildExtension();
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  await mkdir(outDir, { recursive: true });
  const vsix = resolve(outDir, `${name}-${version}.vsix`);
  execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return vsix;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  process.stdout.write(`${await packageVsix(values.out)}\n`);
}
