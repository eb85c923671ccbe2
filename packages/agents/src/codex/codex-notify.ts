import { parse } from 'smol-toml';
import { AgentSettingsError } from '../common/settings-error.ts';
import { scanTopLevel } from './codex-toml-scan.ts';

/**
 * Our `notify` in config.toml. Codex runs the notify program with one extra argument (the turn's JSON) and
 * without hook trust, so it is the dependable trigger. A user's own notify is kept by chaining: ours becomes
 * `[...ourArgv, "--chain", JSON.stringify(theirArgv)]` and our hook runs theirs; uninstall puts it back.
 */
export const OUR_MARKER = ' hook --agent codex';
export const CHAIN_FLAG = '--chain';

export type NotifyValue = string[] | null;

export function isOurNotify(argv: string[]): boolean {
  return argv.join(' ').includes(OUR_MARKER);
}

/** The top-level notify argv, null when unset. Throws when the file is not TOML or notify is not a string array. */
export function readNotify(text: string | null, file: string): NotifyValue {
  if (text === null) return null;
  const value = parseToml(text, file).notify;
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) {
    throw new AgentSettingsError(file, '`notify` is not an array of strings, so it cannot be chained');
  }
  return value;
}

/** The user's notify our entry chains to, or null when ours chains nothing. */
export function chainedNotify(ours: string[]): string[] | null {
  const at = ours.indexOf(CHAIN_FLAG);
  const raw = at === -1 ? undefined : ours[at + 1];
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** What notify should be after installing: chains the user's own notify, keeps an existing chain. */
export function desiredNotify(current: NotifyValue, commandArgv: string[]): string[] {
  const previous = current === null ? null : isOurNotify(current) ? chainedNotify(current) : current;
  return previous && previous.length > 0
    ? [...commandArgv, CHAIN_FLAG, JSON.stringify(previous)]
    : commandArgv;
}

/** A TOML array of basic strings; JSON string escapes are valid TOML, DEL is not allowed raw. */
export function tomlStringArray(argv: string[]): string {
  return `[${argv.map((part) => JSON.stringify(part).replaceAll('\x7f', '\\u007F')).join(', ')}]`;
}

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AgentSettingsError(file, `is not valid TOML (${(error as Error).message.split('\n')[0]})`);
  }
}

/** Sets top-level notify by editing only its value (or adding one line), then checks nothing else moved. */
export function setNotify(text: string | null, argv: string[], file: string): string {
  const source = text ?? '';
  const value = tomlStringArray(argv);
  const scan = scanToml(source, file);
  const existing = scan.assignments.find((a) => a.key === 'notify');
  let next: string;
  if (existing) {
    next = source.slice(0, existing.valueStart) + value + source.slice(existing.valueEnd);
  } else {
    const line = `notify = ${value}\n`;
    const last = scan.assignments[scan.assignments.length - 1];
    if (last) {
      const gap = last.lineEnd === source.length && !source.endsWith('\n') ? '\n' : '';
      next = source.slice(0, last.lineEnd) + gap + line + source.slice(last.lineEnd);
    } else if (scan.firstTableStart !== null) {
      // Before the comment block that introduces the first table, with a blank line so it stays attached.
      const at = commentBlockStart(source, scan.firstTableStart);
      next = `${source.slice(0, at)}${line}\n${source.slice(at)}`;
    } else {
      next = source === '' || source.endsWith('\n') ? source + line : `${source}\n${line}`;
    }
  }
  verify(source, next, argv, file);
  return next;
}

/** Removes top-level notify (a line we added), and the blank line we added with it. */
export function removeNotify(text: string, file: string): string {
  const existing = scanToml(text, file).assignments.find((a) => a.key === 'notify');
  if (!existing) return text;
  let { lineStart, lineEnd } = existing;
  const before = text.slice(0, lineStart);
  const atParagraphStart = before === '' || before.endsWith('\n\n');
  if (atParagraphStart && (text[lineEnd] === '\n' || text.startsWith('\r\n', lineEnd))) {
    lineEnd = text.indexOf('\n', lineEnd) + 1;
  }
  const next = text.slice(0, lineStart) + text.slice(lineEnd);
  verify(text, next, null, file);
  return next;
}

function scanToml(text: string, file: string) {
  try {
    return scanTopLevel(text);
  } catch {
    throw new AgentSettingsError(file, 'has TOML this installer cannot edit safely; set `notify` by hand');
  }
}

function commentBlockStart(text: string, tableStart: number): number {
  let at = tableStart;
  while (at > 0) {
    const previousStart = text.lastIndexOf('\n', at - 2) + 1;
    if (!text.slice(previousStart, at).trimStart().startsWith('#')) break;
    at = previousStart;
  }
  return at;
}

/** The edited file must parse, hold exactly the intended notify, and be otherwise unchanged. */
function verify(before: string, after: string, notify: string[] | null, file: string): void {
  const old = parseToml(before, file);
  const next = parseToml(after, file);
  const { notify: _old, ...oldRest } = old;
  const { notify: value, ...nextRest } = next;
  const notifyOk = notify === null ? value === undefined : JSON.stringify(value) === JSON.stringify(notify);
  if (!notifyOk || JSON.stringify(oldRest) !== JSON.stringify(nextRest)) {
    throw new AgentSettingsError(
      file,
      'could not be edited without changing other settings; set `notify` by hand',
    );
  }
}
