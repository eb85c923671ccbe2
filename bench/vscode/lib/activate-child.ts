// One cold activation, as an extension host does it: require the bundled extension (dist/extension.cjs),
// then call activate(). Prints {"loadMs","activateMs"} as JSON. With --baseline it loads a minimal
// extension instead (one command, one status bar item): the floor any extension pays.
// Run by activation.bench.ts with HOME set to a temp dir.
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { installFakeVscode } from './load-with-fake-vscode.ts';

const [bundle, workspace] = process.argv.slice(2);
if (!bundle || !workspace) throw new Error('usage: activate-child.ts BUNDLE|--baseline WORKSPACE');
const fake = installFakeVscode(workspace);
let path = bundle;
if (bundle === '--baseline') {
  path = join(workspace, 'minimal-extension.cjs');
  writeFileSync(
    path,
    `const vscode = require('vscode');
exports.activate = (context) => {
  const item = vscode.window.createStatusBarItem('x', vscode.StatusBarAlignment.Left, 1);
  item.text = 'hello';
  item.show();
  context.subscriptions.push(item, vscode.commands.registerCommand('x.hello', () => {}));
};`,
  );
}
const require = Module.createRequire(import.meta.url);
const t0 = performance.now();
const extension = require(path) as { activate(context: unknown): void };
const t1 = performance.now();
extension.activate(fake.context);
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1 })}\n`);
// The activation's background work (config, machine id) finishes before exit; nothing waits for it here.
setTimeout(() => process.exit(0), 200);
