// The extension's wiring through a fake `vscode` (test/fake-vscode.ts): events in, queued heartbeats out.
// Real files (temp HOME: config.toml, machine id, the disk queue), a fake clock for the debounce.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskQueue, type QueuedHeartbeat } from '@devtime/client';
import { FakeScheduler } from '@devtime/client/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { activateDevtime } from '../src/activate-devtime.ts';
import { createFakeVscode, fakeDocument } from './fake-vscode.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function setup(configToml: string, settings: Record<string, unknown> = {}) {
  root = mkdtempSync(join(tmpdir(), 'devtime-vscode-adapter-'));
  const home = join(root, 'home');
  const folder = join(root, 'shop');
  mkdirSync(join(home, '.devtime'), { recursive: true });
  mkdirSync(join(folder, 'src'), { recursive: true });
  writeFileSync(join(home, '.devtime', 'config.toml'), configToml);
  const fake = createFakeVscode({ workspaceFolder: folder, settings });
  const scheduler = new FakeScheduler();
  const session = activateDevtime(fake.api, fake.context, {
    home,
    env: {},
    extensionVersion: '0.1.0',
    scheduler,
  });
  await session.load();
  const queued = async () => {
    await session.settled();
    return (
      await new DiskQueue<QueuedHeartbeat>({ dir: join(home, '.devtime', 'queue', 'heartbeats') }).peek(1_000)
    ).items.map((item) => item.heartbeat);
  };
  return { fake, scheduler, session, folder, home, queued };
}

// A closed port: uploads fail, so what was queued stays visible in the queue.
const CONFIG = '[api]\nendpoint = "http://127.0.0.1:1"\nkey = "waka_test"\n';

describe('the VS Code adapter', () => {
  it('turns a typing burst and a save into two heartbeats with the file described, never its content', async () => {
    const { fake, scheduler, folder, queued } = await setup(CONFIG);
    const doc = fakeDocument(join(folder, 'src', 'cart.ts'), 'typescript', 120);
    fake.focusEditor(doc, 41);
    for (let i = 0; i < 200; i += 1) {
      fake.type(doc);
      scheduler.advance(20);
    }
    fake.emitters.saveText.fire(doc);
    scheduler.advance(1_000);
    const heartbeats = await queued();
    expect(heartbeats).toHaveLength(2);
    expect(heartbeats[0]).toMatchObject({
      tool: 'vscode',
      project: 'shop',
      file: 'src/cart.ts',
      language: 'TypeScript',
      lines: 120,
      cursor_line: 42,
      is_write: false,
      category: 'coding',
      editor: 'VS Code',
      plugin: 'devtime-vscode/0.1.0',
    });
    expect(heartbeats[1]).toMatchObject({ file: 'src/cart.ts', is_write: true });
    expect(heartbeats[0]!.machine_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never queues excluded files or projects (config.toml), or files that are not on disk', async () => {
    const { fake, scheduler, folder, queued } = await setup(`${CONFIG}[privacy]\nexclude_files = [".env"]\n`);
    fake.focusEditor(fakeDocument(join(folder, '.env'), 'dotenv'));
    scheduler.advance(1_000);
    fake.focusEditor(fakeDocument('Untitled-1', 'plaintext', 1, 'untitled'));
    scheduler.advance(1_000);
    fake.focusEditor(fakeDocument(join(folder, 'src', 'ok.ts'), 'typescript'));
    scheduler.advance(1_000);
    expect((await queued()).map((heartbeat) => heartbeat.file)).toEqual(['src/ok.ts']);
  });

  it('VS Code settings override config.toml (hashed paths)', async () => {
    const { fake, scheduler, folder, queued } = await setup(CONFIG, { 'privacy.hashFilePaths': true });
    fake.focusEditor(fakeDocument(join(folder, 'src', 'secret-plan.ts'), 'typescript'));
    scheduler.advance(1_000);
    const [heartbeat] = await queued();
    expect(heartbeat!.file).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(heartbeat)).not.toContain('secret-plan');
  });

  it('pause stops tracking (and is remembered), resume starts again', async () => {
    const { fake, scheduler, folder, queued, session } = await setup(CONFIG);
    await session.setPaused(true);
    expect(fake.statusItems[0]!.text).toBe('$(debug-pause) paused');
    fake.focusEditor(fakeDocument(join(folder, 'src', 'a.ts'), 'typescript'));
    scheduler.advance(1_000);
    expect(await queued()).toEqual([]);
    await session.setPaused(false);
    fake.focusEditor(fakeDocument(join(folder, 'src', 'b.ts'), 'typescript'));
    scheduler.advance(1_000);
    expect((await queued()).map((heartbeat) => heartbeat.file)).toEqual(['src/b.ts']);
  });

  it('debug sessions and test tasks set the category; notebook cells count for their notebook', async () => {
    const { fake, scheduler, folder, queued } = await setup(CONFIG);
    const doc = fakeDocument(join(folder, 'src', 'a.ts'), 'typescript');
    fake.focusEditor(doc);
    scheduler.advance(1_000);
    fake.emitters.debugStart.fire({});
    scheduler.advance(1_000);
    fake.emitters.debugStop.fire({});
    fake.emitters.taskStart.fire({ execution: { task: { group: { id: 'test' } } } });
    fake.type(doc);
    scheduler.advance(1_000);
    fake.emitters.taskEnd.fire({ execution: { task: { group: { id: 'test' } } } });
    const cell = fakeDocument(join(folder, 'analysis.ipynb'), 'python', 4, 'vscode-notebook-cell');
    fake.emitters.openText.fire(cell);
    const notebook = {
      uri: fake.api.Uri.file(join(folder, 'analysis.ipynb')),
      getCells: () => [{ kind: 2, document: { languageId: 'python', lineCount: 4 } }],
    };
    fake.window.visibleNotebookEditors.push({ notebook });
    fake.emitters.changeNotebook.fire({ notebook, contentChanges: [{}], cellChanges: [] });
    scheduler.advance(1_000);
    expect(
      (await queued()).map((heartbeat) => [heartbeat.file, heartbeat.category, heartbeat.language]),
    ).toEqual([
      ['src/a.ts', 'coding', 'TypeScript'],
      ['src/a.ts', 'debugging', 'TypeScript'],
      ['src/a.ts', 'running tests', 'TypeScript'],
      ['analysis.ipynb', 'coding', 'Python'],
    ]);
  });

  it('edits and saves of documents no editor shows (a settings migration, a formatter) are not activity', async () => {
    const { fake, scheduler, folder, queued } = await setup(CONFIG);
    const shown = fakeDocument(join(folder, 'src', 'shown.ts'), 'typescript');
    const split = fakeDocument(join(folder, 'src', 'split.ts'), 'typescript');
    const hidden = fakeDocument(join(folder, '.vscode', 'settings.json'), 'json');
    const notebook = { uri: fake.api.Uri.file(join(folder, 'notes.ipynb')), getCells: () => [] };
    const cell = fakeDocument(join(folder, 'notes.ipynb'), 'python', 4, 'vscode-notebook-cell');
    fake.focusEditor(shown);
    scheduler.advance(3 * 60_000);
    fake.emitters.openText.fire(hidden);
    fake.emitters.changeText.fire({ document: hidden, contentChanges: [{}] });
    fake.emitters.saveText.fire(hidden);
    fake.emitters.changeNotebook.fire({ notebook, contentChanges: [{}], cellChanges: [] });
    fake.emitters.saveNotebook.fire(notebook);
    fake.emitters.changeText.fire({ document: cell, contentChanges: [{}] });
    scheduler.advance(3 * 60_000);
    // A split editor is shown without being active: typing there counts.
    fake.window.otherVisibleEditors.push({ document: split });
    fake.type(split);
    scheduler.advance(1_000);
    // A cell counts once its notebook is shown (cell editors are not always among the visible editors).
    fake.window.visibleNotebookEditors.push({ notebook });
    fake.emitters.changeText.fire({ document: cell, contentChanges: [{}] });
    scheduler.advance(1_000);
    expect((await queued()).map((heartbeat) => [heartbeat.file, heartbeat.is_write])).toEqual([
      ['src/shown.ts', false],
      ['src/split.ts', false],
      ['notes.ipynb', false],
    ]);
  });

  it('an unreadable config.toml shows an error in the status bar and the log, instead of failing', async () => {
    const { fake } = await setup('[api\nkey = ');
    expect(fake.statusItems[0]).toMatchObject({ text: '$(error) DevTime', command: 'devtime.showLog' });
    expect(fake.output.join('\n')).toMatch(/config\.toml is not valid TOML/);
  });

  it("takes the branch from VS Code's git extension when it knows the repository", async () => {
    const { fake, scheduler, folder, queued } = await setup(CONFIG);
    mkdirSync(join(folder, '.git'), { recursive: true });
    writeFileSync(join(folder, '.git', 'HEAD'), 'ref: refs/heads/from-head-file\n');
    const repositories = [{ rootUri: { fsPath: folder }, state: { HEAD: { name: 'from-git-extension' } } }];
    (fake.api.extensions as { getExtension: unknown }).getExtension = () => ({
      isActive: true,
      exports: { getAPI: () => ({ repositories }) },
    });
    fake.focusEditor(fakeDocument(join(folder, 'src', 'a.ts'), 'typescript'));
    scheduler.advance(1_000);
    await queued(); // heartbeats are described asynchronously: let the first one be built
    repositories.length = 0; // a repository the extension does not know: .git/HEAD is read instead
    fake.focusEditor(fakeDocument(join(folder, 'src', 'b.ts'), 'typescript'));
    scheduler.advance(1_000);
    expect((await queued()).map((heartbeat) => heartbeat.branch)).toEqual([
      'from-git-extension',
      'from-head-file',
    ]);
  });

  it('commands: set the API key and server URL in config.toml, open the dashboard, pause and resume', async () => {
    const { fake, home, session } = await setup('');
    const answers = ['waka_0123456789abcdef', 'http://devtime.example:8080'];
    (fake.window as { showInputBox: unknown }).showInputBox = async () => answers.shift();
    await fake.commands.get('devtime.setApiKey')!();
    await fake.commands.get('devtime.setServerUrl')!();
    const toml = readFileSync(join(home, '.devtime', 'config.toml'), 'utf8');
    expect(toml).toContain('key = "waka_0123456789abcdef"');
    expect(toml).toContain('endpoint = "http://devtime.example:8080"');
    expect(session.config).toMatchObject({ endpoint: 'http://devtime.example:8080', keySource: 'config' });
    // Keyed now (the unreachable example server makes it "offline", not "set API key").
    expect(fake.statusItems[0]!.command).not.toBe('devtime.setApiKey');

    const opened: string[] = [];
    (fake.api.env as { openExternal: unknown }).openExternal = async (uri: { toString(): string }) => {
      opened.push(uri.toString());
      return true;
    };
    await fake.commands.get('devtime.openDashboard')!();
    expect(opened).toEqual(['http://devtime.example:8080']);

    await fake.commands.get('devtime.pauseTracking')!();
    expect(session.paused).toBe(true);
    await fake.commands.get('devtime.resumeTracking')!();
    expect(session.paused).toBe(false);
  });

  it('the status bar asks for a key when there is none', async () => {
    const { fake } = await setup('');
    expect(fake.statusItems[0]).toMatchObject({ text: '$(key) set API key', command: 'devtime.setApiKey' });
  });
});
