import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { AgentSettingsError } from '../common/settings-error.ts';
import { desiredNotify, readNotify, removeNotify, setNotify, tomlStringArray } from './codex-notify.ts';

const FILE = '/home/u/.codex/config.toml';
const OURS = ['/usr/bin/node', '/opt/devtime/devtime.js', 'hook', '--agent', 'codex'];

describe('config.toml notify editing', () => {
  it('writes TOML basic strings that read back exactly', () => {
    const argv = ['C:\\Program Files\\node.exe', 'say "hi"', 'tab\there', 'del\x7f', '[1,"x"]'];
    expect(parse(`notify = ${tomlStringArray(argv)}`).notify).toEqual(argv);
  });

  it('replaces only the value of an existing notify, keeping its comment and every other byte', () => {
    const text =
      '# mine\nmodel = "o3"\nnotify = [\n  "notify-send",  # the program\n  "Codex",\n] # ping me\n\n[tui]\nx = 1\n';
    const next = setNotify(text, ['a', 'b'], FILE);
    expect(next).toBe('# mine\nmodel = "o3"\nnotify = ["a", "b"] # ping me\n\n[tui]\nx = 1\n');
  });

  it('adds notify after the last top-level key, not inside a table', () => {
    const text = 'model = "o3" # default\n\n# profiles\n[profiles.fast]\nnotify = ["x"]\n';
    const next = setNotify(text, OURS, FILE);
    expect(next).toBe(
      `model = "o3" # default\nnotify = ${tomlStringArray(OURS)}\n\n# profiles\n[profiles.fast]\nnotify = ["x"]\n`,
    );
    expect(removeNotify(next, FILE)).toBe(text);
  });

  it('adds notify above the first table (and its comment) when there is no top-level key, reversibly', () => {
    for (const text of [
      '# header\n[tui]\nx = 1\n',
      '# header\n\n# tui settings\n[tui]\nx = 1\n',
      '[tui]\nx = 1\n',
    ]) {
      const next = setNotify(text, OURS, FILE);
      expect(readNotify(next, FILE)).toEqual(OURS);
      expect(removeNotify(next, FILE)).toBe(text);
    }
  });

  it('creates a config that holds only notify', () => {
    expect(setNotify(null, ['x'], FILE)).toBe('notify = ["x"]\n');
    expect(setNotify('# just a comment', ['x'], FILE)).toBe('# just a comment\nnotify = ["x"]\n');
  });

  it('is not fooled by multi-line strings and quoted keys', () => {
    const text =
      'instructions = """\n[not.a.table]\nnotify = ["fake"]\n"""\n"notify" = [\'real\'] # keep\n[t]\n';
    expect(readNotify(text, FILE)).toEqual(['real']);
    expect(setNotify(text, ['new'], FILE)).toBe(
      'instructions = """\n[not.a.table]\nnotify = ["fake"]\n"""\n"notify" = ["new"] # keep\n[t]\n',
    );
  });

  it('chains a user notify, keeps an existing chain, and has nothing to chain otherwise', () => {
    const chained = desiredNotify(['notify-send', 'Codex'], OURS);
    expect(chained).toEqual([...OURS, '--chain', '["notify-send","Codex"]']);
    expect(desiredNotify(chained, [...OURS.slice(0, 2), 'hook', '--agent', 'codex', '--v2'])).toEqual([
      ...OURS,
      '--v2',
      '--chain',
      '["notify-send","Codex"]',
    ]);
    expect(desiredNotify(null, OURS)).toEqual(OURS);
    expect(desiredNotify(OURS, OURS)).toEqual(OURS);
  });

  it('refuses a config it cannot read or a notify it cannot chain', () => {
    expect(() => readNotify('notify = [', FILE)).toThrow(AgentSettingsError);
    expect(() => readNotify('notify = "notify-send"', FILE)).toThrow(/not an array of strings/);
  });
});
