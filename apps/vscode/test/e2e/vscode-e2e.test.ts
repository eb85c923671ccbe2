// End-to-end in a real VS Code: code-server (npm) installs the built VSIX; Chromium + playwright-core type
// in two files of a git workspace and save; a real `devtime serve` receives the heartbeats. Then the server
// is stopped, more is typed, the server comes back on the same port and data dir, and everything typed
// meanwhile must arrive exactly once.
// Opt-in locally: scripts/install-code-server.sh, then DEVTIME_E2E_VSCODE=1 DEVTIME_CODE_SERVER_DIR=DIR.
// Always on in CI (.ci/run).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskQueue, formatDuration, type QueuedHeartbeat } from '@devtime/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/chromium.ts';
import { freePort } from '../../../../test-support/free-port.ts';
import { packageVsix } from '../../scripts/package-vsix.ts';
import {
  type CodeServerDirs,
  installExtension,
  type RunningCodeServer,
  startCodeServer,
  writeUserSettings,
} from './code-server.ts';
import { type DevtimeServer, startDevtimeServer } from './devtime-server.ts';
import { dumpDatabase, readStoredHeartbeats, type StoredHeartbeat } from './server-heartbeats.ts';
import { openFile, openWorkbench, save, typeText, waitForStatus } from './workbench.ts';

const enabled = process.env.DEVTIME_E2E_VSCODE === '1';
const codeServerDir = process.env.DEVTIME_CODE_SERVER_DIR ?? '';
const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
if (!enabled) {
  process.stdout.write(
    'skipping the VS Code end-to-end test: run scripts/install-code-server.sh DIR, then set DEVTIME_E2E_VSCODE=1 and DEVTIME_CODE_SERVER_DIR=DIR\n',
  );
}

/** WakaTime's rule, as the server received it: after the first, each heartbeat is a new file, a write,
 * a new category, or at least the heartbeat interval after the previous one. */
function ruleViolations(rows: StoredHeartbeat[], intervalMs: number): string[] {
  const violations: string[] = [];
  for (const [index, row] of rows.entries()) {
    const previous = rows[index - 1];
    if (!previous) continue;
    const allowed =
      row.entity !== previous.entity ||
      row.is_write === 1 ||
      row.category !== previous.category ||
      row.time_ms - previous.time_ms >= intervalMs;
    if (!allowed) violations.push(`${row.entity} at +${row.time_ms - previous.time_ms} ms`);
  }
  return violations;
}

describe.skipIf(!enabled)('VS Code extension in code-server, against a real devtime serve', () => {
  const CANARY_ONLINE = 'canary_online_4f1d9';
  const CANARY_OFFLINE = 'canary_offline_8b2c7';
  let root: string;
  let home: string;
  let dataDir: string;
  let workspace: string;
  let serverPort: number;
  let key: string;
  let server: DevtimeServer;
  let codeServer: RunningCodeServer;
  let dirs: CodeServerDirs;
  let browser: Browser;
  let page: Page;
  const startedAt = Date.now();
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
  const log = (line: string) => process.stdout.write(`[vscode-e2e ${elapsed()}] ${line}\n`);

  const todayTotal = async (): Promise<number> => {
    const response = await fetch(`${server.url}/api/stats?range=today`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return ((await response.json()) as { total_seconds: number }).total_seconds;
  };
  const queue = () => new DiskQueue<QueuedHeartbeat>({ dir: join(home, '.devtime', 'queue', 'heartbeats') });
  const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    expect(existsSync(codeServerBin), `code-server not found at ${codeServerBin}`).toBe(true);
    root = mkdtempSync(join(tmpdir(), 'devtime-vscode-e2e-'));
    home = join(root, 'home');
    dataDir = join(root, 'server-data');
    mkdirSync(home, { recursive: true });

    const vsixBuild = packageVsix(join(root, 'vsix'));
    serverPort = await freePort();
    server = await startDevtimeServer({ home, dataDir, port: serverPort });
    key = server.firstRunKey ?? '';
    expect(key).toMatch(/^waka_/);
    // The extension's config: what a user's ~/.devtime/config.toml holds.
    writeFileSync(
      join(home, '.devtime', 'config.toml'),
      `[api]\nendpoint = "${server.url}"\nkey = "${key}"\n`,
      {
        mode: 0o600,
      },
    );

    // A git repository with two files in two languages, on a named branch.
    workspace = join(root, 'demo-app');
    mkdirSync(join(workspace, 'src'), { recursive: true });
    mkdirSync(join(workspace, 'lib'), { recursive: true });
    writeFileSync(join(workspace, 'src', 'app.ts'), 'export const answer = 42;\n');
    writeFileSync(join(workspace, 'lib', 'util.py'), 'def double(x):\n    return 2 * x\n');
    execFileSync('git', ['init', '-q', '-b', 'feature/e2e'], { cwd: workspace });

    dirs = {
      bin: codeServerBin,
      home,
      userDataDir: join(root, 'user-data'),
      extensionsDir: join(root, 'extensions'),
    };
    const vsix = await vsixBuild;
    log(`built ${vsix}`);
    expect(await installExtension(dirs, vsix)).toMatch(/successfully installed/);
    expect(readdirSync(dirs.extensionsDir).some((name) => name.startsWith('devtime.devtime-vscode-'))).toBe(
      true,
    );
    writeUserSettings(dirs.userDataDir, {
      // Short upload interval so the test does not wait 2 minutes per batch.
      'devtime.batchIntervalSeconds': 2,
      'workbench.startupEditor': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
      'editor.acceptSuggestionOnEnter': 'off',
      'files.autoSave': 'off',
      'git.autoRepositoryDetection': false,
      'extensions.autoCheckUpdates': false,
      // VS Code rewrites this legacy value to "off" at start-up: an edit of settings.json no editor shows,
      // which the extension must not count (it once sent a heartbeat for settings.json here).
      'extensions.autoUpdate': false,
    });
    codeServer = await startCodeServer(dirs, await freePort(), workspace);
    browser = await launchChromium();
    page = await openWorkbench(browser, codeServer.url, workspace);
    // The extension activated (onStartupFinished) once its status bar item is there.
    await waitForStatus(page, () => true, 120_000);
    log('workbench up, extension active');
  }, 300_000);

  afterAll(async () => {
    if (page && process.env.DEVTIME_E2E_KEEP) await page.screenshot({ path: join(root, 'last.png') });
    await browser?.close();
    await codeServer?.stop();
    await server?.stop();
    if (!process.env.DEVTIME_E2E_KEEP) rmSync(root, { recursive: true, force: true });
  });

  /** The extension's own log (its OutputChannel), for failure messages. */
  const extensionLog = () => {
    const found = execFileSync('find', [dirs.userDataDir, '-name', '*DevTime.log'])
      .toString()
      .trim()
      .split('\n')[0];
    return found ? readFileSync(found, 'utf8') : '(no log)';
  };

  let online: StoredHeartbeat[] = [];

  it('sends what is typed and saved in two files: project, language, branch, relative path, is_write', async () => {
    await openFile(page, 'app.ts');
    await typeText(page, `// ${CANARY_ONLINE} typed in TypeScript\n`);
    await save(page);
    await openFile(page, 'util.py');
    await typeText(page, `# ${CANARY_ONLINE} typed in Python\n`);
    await save(page);

    await waitFor(
      'both saves on the server',
      () => readStoredHeartbeats(dataDir).filter((row) => row.is_write === 1).length >= 2,
      30_000,
    ).catch((error) => {
      throw new Error(`${error.message}\nextension log:\n${extensionLog()}`);
    });
    online = readStoredHeartbeats(dataDir);
    log(
      `server has ${online.length} heartbeats: ${online.map((row) => `${row.entity}${row.is_write ? '(w)' : ''}`).join(', ')}`,
    );

    const files = ['src/app.ts', 'lib/util.py'];
    expect([...new Set(online.map((row) => row.entity))]).toEqual(files);
    for (const row of online) {
      expect(row).toMatchObject({
        project: 'demo-app',
        branch: 'feature/e2e',
        category: 'coding',
        editor: 'code-server',
      });
      expect(row.plugin).toMatch(/^devtime-vscode\/0\.1\.0$/);
      expect(row.machine_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.language).toBe(row.entity === 'src/app.ts' ? 'TypeScript' : 'Python');
    }
    // Each file: a heartbeat when it was opened, and the save as a write (with the typed line counted).
    for (const file of files) {
      const rows = online.filter((row) => row.entity === file);
      expect(rows[0]!.is_write).toBe(0);
      expect(rows.at(-1)).toMatchObject({ is_write: 1, lines: rows[0]!.lines! + 1 });
    }
    // ~40 keystrokes per file became at most 3 heartbeats each: the debounce and the 2-minute rule.
    expect(online.length).toBeLessThanOrEqual(6);
    expect(ruleViolations(online, 120_000)).toEqual([]);
    expect(dumpDatabase(dataDir)).not.toContain(CANARY_ONLINE);
  }, 90_000);

  it('keeps typing made while the server is down and delivers it once, in order, when it returns', async () => {
    await server.stop();
    log('server stopped');
    const offlineFrom = Date.now();
    await openFile(page, 'app.ts');
    await typeText(page, `// ${CANARY_OFFLINE} while offline\n`);
    await save(page);
    await openFile(page, 'util.py');
    await typeText(page, `# ${CANARY_OFFLINE} while offline\n`);
    await save(page);

    // An upload has failed and said so.
    await waitForStatus(page, (label) => label.includes('offline'), 20_000);
    // What was typed waits on disk, in order.
    let queued: QueuedHeartbeat[] = [];
    await waitFor(
      'four offline heartbeats in the queue',
      async () => {
        queued = (await queue().peek(1_000)).items;
        return queued.filter((item) => item.heartbeat.is_write).length >= 2;
      },
      20_000,
    );
    const offlineTimes = queued.map((item) => item.heartbeat.timestamp);
    expect(offlineTimes).toEqual([...offlineTimes].sort((a, b) => a - b));
    expect(offlineTimes.every((time) => time >= offlineFrom)).toBe(true);
    expect(JSON.stringify(queued)).not.toContain(CANARY_OFFLINE);
    log(
      `queued while offline: ${queued.map((item) => `${item.heartbeat.file}${item.heartbeat.is_write ? '(w)' : ''}`).join(', ')}`,
    );

    server = await startDevtimeServer({ home, dataDir, port: serverPort });
    log('server restarted');
    await waitFor('the queue to drain', async () => (await queue().peek(1)).items.length === 0, 30_000);

    const all = readStoredHeartbeats(dataDir);
    const delivered = all.filter((row) => row.time_ms >= offlineFrom);
    // Nothing lost, nothing doubled: exactly the queued heartbeats arrived, one row each, and the rows from
    // before are untouched.
    expect(delivered.map((row) => [row.time_ms, row.entity, row.is_write === 1])).toEqual(
      queued.map((item) => [item.heartbeat.timestamp, item.heartbeat.file, item.heartbeat.is_write]),
    );
    expect(all).toHaveLength(online.length + queued.length);
    expect(ruleViolations(all, 120_000)).toEqual([]);
    expect(dumpDatabase(dataDir)).not.toContain(CANARY_OFFLINE);
  }, 120_000);

  it("shows the server's total for today in the status bar", async () => {
    const total = await todayTotal();
    expect(total).toBeGreaterThan(0);
    // The status bar asks the server at most once a minute, so this can take up to a minute.
    const label = await waitForStatus(
      page,
      (text) => text === `DevTime: ${formatDuration(total)}`,
      75_000,
    ).catch(async (error) => {
      throw new Error(`${error.message} (server total ${total} s)\nextension log:\n${extensionLog()}`);
    });
    log(`status bar: ${label} (server: ${total} s)`);
  }, 90_000);
});
