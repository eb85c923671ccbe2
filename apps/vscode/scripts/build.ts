// Bundles the extension into one CommonJS file, dist/extension.cjs, with its dependencies inside: the VSIX
// ships no node_modules (`vsce package --no-dependencies`). `vscode` is provided by the editor.
// Run: node apps/vscode/scripts/build.ts [--metafile]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

export async function buildExtension(): Promise<{ outfile: string; bytes: number }> {
  const outfile = join(root, 'dist', 'extension.cjs');
  await mkdir(join(root, 'dist'), { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'src', 'extension.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // VS Code 1.96's extension host runs Node 20.18 (process.getBuiltinModule needs ≥ 20.16).
    target: 'node20',
    external: ['vscode'],
    minify: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  // The wire schemas (zod) must stay out: the extension only needs protocol types and header names.
  const zod = inputs.filter((input) => input.includes('/zod/'));
  if (zod.length > 0) throw new Error(`zod got into the bundle via ${zod[0]}`);
  if (process.argv.includes('--metafile')) {
    await writeFile(join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile, null, 2));
  }
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.bytes;
  return { outfile, bytes };
}

if (import.meta.main) {
  const { outfile, bytes } = await buildExtension();
  process.stdout.write(`built ${outfile} (${(bytes / 1024).toFixed(1)} KiB)\n`);
}
