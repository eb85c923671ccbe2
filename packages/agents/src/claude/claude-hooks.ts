import type { HookInstaller, HookInstallOptions, HookState } from '../adapter.ts';
import { readTextIfExists } from '../common/read-text.ts';
import { AgentSettingsError } from '../common/settings-error.ts';
import { claudeSettingsFile } from './claude-paths.ts';

/**
 * The events that mean "the transcript has something new": a prompt, the end of a turn or a subagent,
 * and the end of the session. PostToolUse fires for every tool call and would only add load.
 */
export const CLAUDE_HOOK_EVENTS = [
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'PreCompact',
  'SessionEnd',
] as const;

/** Claude Code waits for a hook unless it is async; ours never blocks and always exits 0. */
const HOOK_TIMEOUT_SECONDS = 10;
const OURS = / hook --agent claude\b/;

interface HookCommand {
  type?: unknown;
  command?: unknown;
  [key: string]: unknown;
}
interface MatcherGroup {
  matcher?: unknown;
  hooks?: HookCommand[];
  [key: string]: unknown;
}
type Settings = Record<string, unknown> & { hooks?: Record<string, MatcherGroup[]> };

export const claudeHooks: HookInstaller = {
  installNotes: ['Claude Code picks up hook changes in new sessions; running sessions keep their old hooks.'],

  async planInstall(ctx, options) {
    const path = claudeSettingsFile(ctx);
    const before = await readTextIfExists(path);
    const settings = parseSettings(path, before);
    if (!options.force && stateOf(settings, options) === 'installed') return [];
    const hooks = withoutOurs(settings.hooks ?? {});
    for (const event of CLAUDE_HOOK_EVENTS) {
      hooks[event] = [...(hooks[event] ?? []), { hooks: [ourHook(options)] }];
    }
    const after = `${JSON.stringify({ ...settings, hooks }, null, 2)}\n`;
    if (after === before) return [];
    return [{ path, before, after, description: `add DevTime hooks for ${CLAUDE_HOOK_EVENTS.join(', ')}` }];
  },

  async planUninstall(ctx) {
    const path = claudeSettingsFile(ctx);
    const before = await readTextIfExists(path);
    if (before === null) return [];
    const settings = parseSettings(path, before);
    if (!settings.hooks || !hasOurs(settings.hooks)) return [];
    const hooks = withoutOurs(settings.hooks);
    const { hooks: _removed, ...rest } = settings;
    const next = Object.keys(hooks).length > 0 ? { ...settings, hooks } : rest;
    return [
      { path, before, after: `${JSON.stringify(next, null, 2)}\n`, description: 'remove DevTime hooks' },
    ];
  },

  async status(ctx, options) {
    const path = claudeSettingsFile(ctx);
    const text = await readTextIfExists(path);
    if (text === null) return 'not-installed';
    try {
      return stateOf(parseSettings(path, text), options);
    } catch {
      return 'not-installed';
    }
  },
};

function ourHook(options: HookInstallOptions): HookCommand {
  return { type: 'command', command: options.command, timeout: HOOK_TIMEOUT_SECONDS, async: true };
}

function parseSettings(path: string, text: string | null): Settings {
  if (text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AgentSettingsError(path, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgentSettingsError(path, 'is not a JSON object');
  }
  const settings = value as Settings;
  if (settings.hooks !== undefined && (typeof settings.hooks !== 'object' || Array.isArray(settings.hooks))) {
    throw new AgentSettingsError(path, '"hooks" is not an object');
  }
  return settings;
}

function isOurs(hook: HookCommand): boolean {
  return typeof hook.command === 'string' && OURS.test(hook.command);
}

function hasOurs(hooks: Record<string, MatcherGroup[]>): boolean {
  return Object.values(hooks).some(
    (groups) => Array.isArray(groups) && groups.some((group) => group.hooks?.some(isOurs)),
  );
}

/** The user's hooks with ours taken out; groups and events left empty by that are dropped. */
function withoutOurs(hooks: Record<string, MatcherGroup[]>): Record<string, MatcherGroup[]> {
  const result: Record<string, MatcherGroup[]> = {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) {
      result[event] = groups;
      continue;
    }
    const kept = groups.flatMap((group) => {
      if (!Array.isArray(group.hooks) || !group.hooks.some(isOurs)) return [group];
      const others = group.hooks.filter((hook) => !isOurs(hook));
      return others.length > 0 ? [{ ...group, hooks: others }] : [];
    });
    if (kept.length > 0) result[event] = kept;
  }
  return result;
}

function stateOf(settings: Settings, options: HookInstallOptions): HookState {
  const hooks = settings.hooks ?? {};
  let exact = 0;
  let ours = 0;
  for (const event of CLAUDE_HOOK_EVENTS) {
    const commands = (hooks[event] ?? []).flatMap((group) => (Array.isArray(group.hooks) ? group.hooks : []));
    const mine = commands.filter(isOurs);
    if (mine.length > 0) ours += 1;
    if (mine.length === 1 && mine[0]?.command === options.command && mine[0]?.async === true) exact += 1;
  }
  if (exact === CLAUDE_HOOK_EVENTS.length) return 'installed';
  return ours > 0 || hasOurs(hooks) ? 'outdated' : 'not-installed';
}
