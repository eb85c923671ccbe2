import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codexAdapter } from './codex-adapter.ts';
import { codexPaths } from './codex-paths.ts';
import { fixtureCtx } from './codex-test-support.ts';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devtime-codex-'));
  homes.push(dir);
  return dir;
}

function touch(path: string, mtimeSeconds: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '{}\n');
  utimesSync(path, mtimeSeconds, mtimeSeconds);
}

describe('Codex adapter', () => {
  it('resolves its data root from CODEX_HOME in the context, else ~/.codex', () => {
    expect(codexPaths({ homeDir: '/h', env: {} }).sessionsDir).toBe('/h/.codex/sessions');
    expect(codexPaths({ homeDir: '/h', env: { CODEX_HOME: '/data/codex' } })).toEqual({
      root: '/data/codex',
      sessionsDir: '/data/codex/sessions',
      archivedSessionsDir: '/data/codex/archived_sessions',
      configToml: '/data/codex/config.toml',
      hooksJson: '/data/codex/hooks.json',
    });
    expect(codexPaths({ homeDir: '/h', env: { CODEX_HOME: '~/alt' } }).root).toBe('/h/alt');
    expect(codexPaths({ homeDir: '/h', env: { CODEX_HOME: '' } }).root).toBe('/h/.codex');
  });

  it('detects the recorded home (whose notify and hooks are not ours) and an empty one', async () => {
    const detected = await codexAdapter.detect(fixtureCtx);
    expect(detected).toMatchObject({ agent: 'codex', installed: true, hooks: 'not-installed', notes: [] });
    expect(detected.dataRoots).toEqual([join(fixtureCtx.homeDir, '.codex')]);
    expect(detected.settingsFiles.map((f) => f.split('/').pop())).toEqual(['config.toml', 'hooks.json']);
    expect((await codexAdapter.detect({ homeDir: tempHome(), env: {} })).installed).toBe(false);
  });

  it('lists rollouts under sessions/ and archived_sessions/, oldest first, one per basename', async () => {
    const home = tempHome();
    const codex = join(home, '.codex');
    const name = 'rollout-2026-01-02T10-00-00-aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.jsonl';
    touch(join(codex, 'sessions/2026/01/02', name), 1000);
    touch(join(codex, 'archived_sessions', name), 3000);
    touch(join(codex, 'sessions/2026/01/01/rollout-b.jsonl'), 2000);
    touch(join(codex, 'sessions/2026/01/01/notes.txt'), 500);
    const sources = await codexAdapter.listSources({ homeDir: home, env: {} });
    expect(sources.map((s) => s.path.slice(codex.length + 1))).toEqual([
      'sessions/2026/01/01/rollout-b.jsonl',
      `archived_sessions/${name}`,
    ]);
    expect(sources.every((s) => s.agent === 'codex' && s.sizeBytes === 3)).toBe(true);
  });
});
