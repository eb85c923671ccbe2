import { AgentSettingsError } from '../common/settings-error.ts';
import { OUR_MARKER } from './codex-notify.ts';

/**
 * Our entries in Codex's hooks.json (`{"hooks": {"<Event>": [{"matcher"?, "hooks": [{"type": "command",
 * "command", "timeout"}]}]}}`), merged next to the user's own and removed without touching theirs.
 */
export const CODEX_HOOK_EVENTS = ['SessionStart', 'Stop', 'SessionEnd'] as const;

/** Seconds; Codex clamps SessionEnd hooks to 3 s anyway, and ours only has to hand off to a sync. */
const TIMEOUTS: Record<(typeof CODEX_HOOK_EVENTS)[number], number> = {
  SessionStart: 10,
  Stop: 10,
  SessionEnd: 3,
};

type Obj = Record<string, unknown>;

export interface HooksDocument {
  root: Obj;
  indent: string;
}

function obj(value: unknown): Obj | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : null;
}

export function isOurCommand(command: unknown): boolean {
  return typeof command === 'string' && command.includes(OUR_MARKER);
}

/** Parses hooks.json (absent → empty); throws when it is not a JSON object with an object `hooks`. */
export function parseHooks(text: string | null, file: string): HooksDocument {
  if (text === null || text.trim() === '') return { root: { hooks: {} }, indent: '  ' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AgentSettingsError(file, 'is not valid JSON');
  }
  const root = obj(parsed);
  if (!root || (root.hooks !== undefined && !obj(root.hooks)))
    throw new Error('hooks.json has an unexpected shape');
  // Keep the user's indentation so the rewrite changes only what we add.
  return { root, indent: /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ' };
}

export function serializeHooks(doc: HooksDocument): string {
  return `${JSON.stringify(doc.root, null, doc.indent)}\n`;
}

function groupsOf(root: Obj, event: string): unknown[] {
  const hooks = obj(root.hooks);
  const groups = hooks?.[event];
  return Array.isArray(groups) ? groups : [];
}

/** Our hook entries per event, in file order. */
export function ourEntries(root: Obj, event: string): Obj[] {
  return groupsOf(root, event).flatMap((group) => {
    const entries = obj(group)?.hooks;
    return Array.isArray(entries) ? entries.map(obj).filter((e): e is Obj => isOurCommand(e?.command)) : [];
  });
}

/** Adds or updates our command for each event; returns whether anything changed. */
export function mergeOurHooks(doc: HooksDocument, command: string): boolean {
  let changed = false;
  const hooks = obj(doc.root.hooks) ?? {};
  doc.root.hooks = hooks;
  for (const event of CODEX_HOOK_EVENTS) {
    const ours = ourEntries(doc.root, event);
    if (ours.length > 0) {
      for (const entry of ours) {
        if (entry.command !== command) {
          entry.command = command;
          changed = true;
        }
      }
      continue;
    }
    const groups = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
    groups.push({ hooks: [{ type: 'command', command, timeout: TIMEOUTS[event] }] });
    hooks[event] = groups;
    changed = true;
  }
  return changed;
}

/** Removes our entries from every event, then groups and events left empty by that. */
export function removeOurHooks(doc: HooksDocument): boolean {
  const hooks = obj(doc.root.hooks);
  if (!hooks) return false;
  let changed = false;
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    const kept = groups.filter((group) => {
      const entries = obj(group)?.hooks;
      if (!Array.isArray(entries)) return true;
      const rest = entries.filter((entry) => !isOurCommand(obj(entry)?.command));
      if (rest.length === entries.length) return true;
      changed = true;
      (group as Obj).hooks = rest;
      return rest.length > 0;
    });
    if (kept.length > 0) hooks[event] = kept;
    else if (groups.length > 0) delete hooks[event];
  }
  return changed;
}

/** True when the document holds nothing but an empty `hooks` (what installing into no file leaves behind). */
export function isEmptyHooks(doc: HooksDocument): boolean {
  const keys = Object.keys(doc.root);
  return keys.length === 1 && keys[0] === 'hooks' && Object.keys(obj(doc.root.hooks) ?? {}).length === 0;
}
