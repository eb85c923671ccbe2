import type { AgentContext, FileEdit, HookInstaller, HookInstallOptions, HookState } from '../adapter.ts';
import { readTextIfExists } from '../common/read-text.ts';
import {
  CODEX_HOOK_EVENTS,
  isEmptyHooks,
  mergeOurHooks,
  ourEntries,
  parseHooks,
  removeOurHooks,
  serializeHooks,
} from './codex-hooks-json.ts';
import {
  chainedNotify,
  desiredNotify,
  isOurNotify,
  readNotify,
  removeNotify,
  setNotify,
} from './codex-notify.ts';
import { codexPaths } from './codex-paths.ts';

/** New settings files are private: they name programs that run on every turn. */
const NEW_FILE_MODE = 0o600;

function edit(path: string, before: string | null, after: string | null, description: string): FileEdit {
  return before === null
    ? { path, before, after, description, mode: NEW_FILE_MODE }
    : { path, before, after, description };
}

async function planInstall(ctx: AgentContext, options: HookInstallOptions): Promise<FileEdit[]> {
  const paths = codexPaths(ctx);
  const edits: FileEdit[] = [];

  const config = await readTextIfExists(paths.configToml);
  const current = readNotify(config, paths.configToml);
  const notify = desiredNotify(current, options.commandArgv);
  const notifyChanged = JSON.stringify(current) !== JSON.stringify(notify);
  if (notifyChanged || options.force) {
    const chained = current !== null && !isOurNotify(current);
    const description = chained
      ? 'set `notify` to DevTime, chaining your existing notify program'
      : 'set `notify` to DevTime';
    edits.push(
      edit(
        paths.configToml,
        config,
        notifyChanged ? setNotify(config, notify, paths.configToml) : config,
        description,
      ),
    );
  }

  // An unchanged hooks.json is never rewritten: Codex keys hook trust by content.
  const hooksText = await readTextIfExists(paths.hooksJson);
  const hooks = parseHooks(hooksText, paths.hooksJson);
  const hooksChanged = mergeOurHooks(hooks, options.command);
  if (hooksChanged || options.force) {
    const after = hooksChanged ? serializeHooks(hooks) : hooksText;
    edits.push(
      edit(paths.hooksJson, hooksText, after, `add DevTime to ${CODEX_HOOK_EVENTS.join(', ')} hooks`),
    );
  }
  return edits;
}

async function planUninstall(ctx: AgentContext): Promise<FileEdit[]> {
  const paths = codexPaths(ctx);
  const edits: FileEdit[] = [];

  const config = await readTextIfExists(paths.configToml);
  const current = readNotify(config, paths.configToml);
  if (config !== null && current !== null && isOurNotify(current)) {
    const previous = chainedNotify(current);
    const after = previous
      ? setNotify(config, previous, paths.configToml)
      : removeNotify(config, paths.configToml);
    const description = previous ? 'restore your own `notify`' : 'remove DevTime `notify`';
    // A config.toml that held nothing but our notify was created by the install: it goes again.
    edits.push(edit(paths.configToml, config, after.trim() === '' ? null : after, description));
  }

  const hooksText = await readTextIfExists(paths.hooksJson);
  if (hooksText !== null) {
    const hooks = parseHooks(hooksText, paths.hooksJson);
    if (removeOurHooks(hooks)) {
      const after = isEmptyHooks(hooks) ? null : serializeHooks(hooks);
      edits.push(edit(paths.hooksJson, hooksText, after, 'remove DevTime hooks'));
    }
  }
  return edits;
}

/** Whether any of our entries exist, without knowing the current command (for `detect`). */
export async function codexHookPresence(ctx: AgentContext): Promise<HookState> {
  const paths = codexPaths(ctx);
  let found = 0;
  try {
    const notify = readNotify(await readTextIfExists(paths.configToml), paths.configToml);
    if (notify && isOurNotify(notify)) found += 1;
  } catch {
    // An unreadable config holds none of ours that we could see.
  }
  try {
    const hooks = parseHooks(await readTextIfExists(paths.hooksJson), paths.hooksJson);
    found += CODEX_HOOK_EVENTS.filter((event) => ourEntries(hooks.root, event).length > 0).length;
  } catch {
    // Same for an unreadable hooks.json.
  }
  if (found === 0) return 'not-installed';
  return found === 1 + CODEX_HOOK_EVENTS.length ? 'installed' : 'outdated';
}

async function status(ctx: AgentContext, options: HookInstallOptions): Promise<HookState> {
  const presence = await codexHookPresence(ctx);
  if (presence === 'not-installed') return presence;
  try {
    const pending = await planInstall(ctx, { ...options, force: false });
    return pending.length === 0 ? 'installed' : 'outdated';
  } catch {
    return 'outdated';
  }
}

export const codexHooks: HookInstaller = {
  planInstall,
  planUninstall,
  status,
  installNotes: [
    'Codex runs the hooks in its hooks.json only after you trust them once (Codex asks when it next starts). ' +
      'Trust is keyed by a hash of the hook content, so after DevTime changes its command you are asked again.',
    'The `notify` program in config.toml needs no trust: DevTime records each finished turn through it even ' +
      'before the hooks are trusted.',
  ],
};
