import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentContext, FileEdit, HookInstallOptions } from '../adapter.ts';
import { AgentSettingsError } from '../common/settings-error.ts';
import { codexAdapter } from './codex-adapter.ts';
import { codexHooks } from './codex-hooks.ts';
import { readNotify } from './codex-notify.ts';
import { CODEX_FIXTURE } from './codex-test-support.ts';

const ARGV = ['/usr/bin/node', '/opt/devtime/devtime.js', 'hook', '--agent', 'codex'];
const options: HookInstallOptions = {
  command: "'/usr/bin/node' '/opt/devtime/devtime.js' hook --agent codex",
  commandArgv: ARGV,
  force: false,
};
const FIXTURE_CODEX = join(CODEX_FIXTURE, 'home/.codex');

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A temporary home, optionally with the recorded config.toml and hooks.json (fixtures are read-only). */
function home(withFixtureSettings: boolean): { ctx: AgentContext; config: string; hooks: string } {
  const dir = mkdtempSync(join(tmpdir(), 'devtime-codex-'));
  homes.push(dir);
  const codex = join(dir, '.codex');
  mkdirSync(codex);
  if (withFixtureSettings) {
    copyFileSync(join(FIXTURE_CODEX, 'config.toml'), join(codex, 'config.toml'));
    copyFileSync(join(FIXTURE_CODEX, 'hooks.json'), join(codex, 'hooks.json'));
  }
  return {
    ctx: { homeDir: dir, env: {} },
    config: join(codex, 'config.toml'),
    hooks: join(codex, 'hooks.json'),
  };
}

function apply(edits: FileEdit[]): void {
  for (const edit of edits) {
    if (edit.after === null) rmSync(edit.path);
    else writeFileSync(edit.path, edit.after, { mode: edit.mode });
  }
}

const read = (path: string) => readFileSync(path, 'utf8');

describe('Codex hook installer', () => {
  it('chains the user notify and adds our hooks, keeping every other setting, comment and hook', async () => {
    const { ctx, config, hooks } = home(true);
    const configBefore = read(config);
    const hooksBefore = JSON.parse(read(hooks));
    const edits = await codexHooks.planInstall(ctx, options);
    expect(edits.map((e) => e.path)).toEqual([config, hooks]);
    apply(edits);

    const userNotify = ['harness/hooks/codex-notify-logger.sh', '/home/dev/hook-logs/codex-notify.jsonl'];
    expect(readNotify(read(config), config)).toEqual([...ARGV, '--chain', JSON.stringify(userNotify)]);
    const changed = read(config)
      .split('\n')
      .filter((line, i) => line !== configBefore.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^notify = \[/);
    expect(read(config)).toContain('# Written by run-set.mjs');

    const after = JSON.parse(read(hooks));
    for (const [event, groups] of Object.entries(hooksBefore.hooks)) {
      expect(after.hooks[event].slice(0, (groups as unknown[]).length)).toEqual(groups);
    }
    for (const event of ['SessionStart', 'Stop', 'SessionEnd']) {
      expect(after.hooks[event].at(-1)).toEqual({
        hooks: [{ type: 'command', command: options.command, timeout: event === 'SessionEnd' ? 3 : 10 }],
      });
    }
    expect(after.hooks.PreToolUse).toEqual(hooksBefore.hooks.PreToolUse);
  });

  it('plans nothing when already installed (hooks.json trust is keyed by content), unless forced', async () => {
    const { ctx } = home(true);
    apply(await codexHooks.planInstall(ctx, options));
    expect(await codexHooks.planInstall(ctx, options)).toEqual([]);
    expect(await codexHooks.status(ctx, options)).toBe('installed');
    const forced = await codexHooks.planInstall(ctx, { ...options, force: true });
    expect(forced).toHaveLength(2);
    expect(forced.every((e) => e.after === e.before)).toBe(true);
  });

  it('reports not-installed, installed and outdated', async () => {
    const { ctx } = home(true);
    expect(await codexHooks.status(ctx, options)).toBe('not-installed');
    apply(await codexHooks.planInstall(ctx, options));
    const moved = {
      ...options,
      command: options.command.replace('/opt/', '/srv/'),
      commandArgv: ARGV.map((a) => a.replace('/opt/', '/srv/')),
    };
    expect(await codexHooks.status(ctx, moved)).toBe('outdated');
    expect((await codexAdapter.detect(ctx)).hooks).toBe('installed');
  });

  it('updates an outdated command in place and keeps the chain', async () => {
    const { ctx, config, hooks } = home(true);
    apply(await codexHooks.planInstall(ctx, options));
    const moved = {
      ...options,
      command: options.command.replace('/opt/', '/srv/'),
      commandArgv: ARGV.map((a) => a.replace('/opt/', '/srv/')),
    };
    apply(await codexHooks.planInstall(ctx, moved));
    expect(readNotify(read(config), config)?.slice(0, 6)).toEqual([...moved.commandArgv, '--chain']);
    const text = read(hooks);
    expect(text).not.toContain('/opt/devtime');
    expect(JSON.parse(text).hooks.Stop).toHaveLength(2);
    expect(await codexHooks.status(ctx, moved)).toBe('installed');
  });

  it('uninstalls only ours, restoring the original files byte for byte', async () => {
    const { ctx, config, hooks } = home(true);
    const configBefore = read(config);
    const hooksBefore = read(hooks);
    apply(await codexHooks.planInstall(ctx, options));
    apply(await codexHooks.planUninstall(ctx));
    expect(read(config)).toBe(configBefore);
    expect(read(hooks)).toBe(hooksBefore);
    expect(await codexHooks.planUninstall(ctx)).toEqual([]);
  });

  it('creates private settings files in an empty Codex home and removes them again', async () => {
    const { ctx, config, hooks } = home(false);
    const edits = await codexHooks.planInstall(ctx, options);
    expect(edits.map((e) => [e.before, e.mode])).toEqual([
      [null, 0o600],
      [null, 0o600],
    ]);
    apply(edits);
    expect(read(config)).toBe(`notify = ${JSON.stringify(ARGV).replaceAll(',', ', ')}\n`);
    expect(statSync(hooks).mode & 0o777).toBe(0o600);
    apply(await codexHooks.planUninstall(ctx));
    expect(() => statSync(config)).toThrow();
    expect(() => statSync(hooks)).toThrow();
  });

  it('respects CODEX_HOME', async () => {
    const { ctx } = home(false);
    const other = join(ctx.homeDir, 'elsewhere');
    mkdirSync(other);
    const edits = await codexHooks.planInstall({ ...ctx, env: { CODEX_HOME: other } }, options);
    expect(edits.map((e) => e.path)).toEqual([join(other, 'config.toml'), join(other, 'hooks.json')]);
  });

  it('refuses to edit settings it cannot parse, changing nothing', async () => {
    const { ctx, hooks } = home(false);
    writeFileSync(hooks, '{ "hooks": [ }');
    await expect(codexHooks.planInstall(ctx, options)).rejects.toThrow(AgentSettingsError);
  });

  it('tells the user about hook trust and that notify needs none', () => {
    const notes = codexHooks.installNotes.join(' ');
    expect(notes).toMatch(/trust/i);
    expect(notes).toMatch(/notify/);
  });
});
