import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeAdapter, createPrivacyFilter, DEFAULT_PRIVACY } from '@devtime/agents';
import { afterEach, expect, it, vi } from 'vitest';
import { runSync, type SyncOptions } from './run-sync.ts';
import { SyncState } from './sync-state.ts';

const FIXTURE_HOME = join(import.meta.dirname, '../../../../../shared/fixtures/agents/claude/home');

let dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function setup(): Pick<SyncOptions, 'ctx' | 'dataDir'> {
  const home = mkdtempSync(join(tmpdir(), 'devtime-sync-home-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'devtime-sync-data-'));
  dirs.push(home, dataDir);
  cpSync(FIXTURE_HOME, home, { recursive: true });
  return { ctx: { homeDir: home, env: {} }, dataDir };
}

const base = {
  adapters: [claudeAdapter],
  target: null,
  privacy: createPrivacyFilter(DEFAULT_PRIVACY, 'test-key'),
  machineId: 'machine-1',
  nowMs: 1_800_000_000_000,
};

/** What the next real pass would send: every session changed since the last upload. */
async function pending(where: Pick<SyncOptions, 'ctx' | 'dataDir'>) {
  const report = await runSync({ ...base, ...where, dryRun: true });
  return (report.payload ?? []).sort((a, b) => a.session_id.localeCompare(b.session_id));
}

it('a sync that dies between two batches of files loses nothing and counts nothing twice', async () => {
  const clean = setup();
  await runSync({ ...base, ...clean, dryRun: false, commitEveryFiles: 1 });
  const expected = await pending(clean);
  expect(expected.length).toBeGreaterThan(0);

  // Killed at each commit in turn: whatever made it to disk before must add up with the next pass.
  for (const failingCommit of [1, 2, 3, 4]) {
    const crashed = setup();
    const commit = SyncState.prototype.commitFiles;
    let commits = 0;
    vi.spyOn(SyncState.prototype, 'commitFiles').mockImplementation(function (this: SyncState, ...args) {
      commits += 1;
      if (commits === failingCommit) throw new Error('killed mid-pass');
      return commit.apply(this, args);
    });
    await expect(runSync({ ...base, ...crashed, dryRun: false, commitEveryFiles: 1 })).rejects.toThrow(
      'killed mid-pass',
    );
    vi.restoreAllMocks();
    // The next pass reads the files whose batch never committed again, from their old watermarks.
    await runSync({ ...base, ...crashed, dryRun: false, commitEveryFiles: 1 });
    expect(await pending(crashed), `killed at commit ${failingCommit}`).toEqual(expected);
    // And once more reads nothing: every file is at its watermark.
    const again = await runSync({ ...base, ...crashed, dryRun: false });
    expect(again.filesRead).toBe(0);
  }
});
