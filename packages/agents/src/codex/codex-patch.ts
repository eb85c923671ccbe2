/**
 * Line counts of what apply_patch changed, from either the patch text the model sent (`custom_tool_call`
 * input) or the structured changes Codex reports after applying it (`item_completed` FileChange, older
 * `patch_apply_end`). Only counts and paths leave this module, never the lines themselves.
 */
export interface FileChangeCount {
  /** As written by Codex: absolute in structured changes, usually relative in patch text. */
  path: string;
  added: number;
  removed: number;
}

const MARKER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const MOVE = /^\*\*\* Move to: (.+)$/;

/**
 * Parses the apply_patch envelope: an Add counts its `+` lines, an Update its `+`/`-` lines, a Delete has
 * no lines in the patch (its size is only known from the structured change). A move counts on the target.
 */
export function countPatch(patch: string): FileChangeCount[] {
  const files: FileChangeCount[] = [];
  let current: (FileChangeCount & { op: string }) | null = null;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const marker = MARKER.exec(line);
    if (marker) {
      current = { op: marker[1]!, path: marker[2]!.trim(), added: 0, removed: 0 };
      files.push(current);
      continue;
    }
    if (!current || line.startsWith('*** ')) {
      const move = MOVE.exec(line);
      if (move && current) current.path = move[1]!.trim();
      continue;
    }
    if (line.startsWith('+') && current.op !== 'Delete') current.added += 1;
    else if (line.startsWith('-') && current.op === 'Update') current.removed += 1;
  }
  return files.map(({ path, added, removed }) => ({ path, added, removed }));
}

/** Lines in a file's content: a trailing newline ends the last line rather than starting another. */
export function countContentLines(content: string): number {
  if (content === '') return 0;
  const lines = content.split('\n').length;
  return content.endsWith('\n') ? lines - 1 : lines;
}

/** `+`/`-` lines of a unified diff; file headers (`---`/`+++`) before the first hunk are not changes. */
export function countUnifiedDiff(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) inHunk = true;
    else if (!inHunk) continue;
    else if (line.startsWith('+')) added += 1;
    else if (line.startsWith('-')) removed += 1;
  }
  return { added, removed };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Reads a structured `changes` map. Codex 0.169 tags each change (`{"type":"add","content":…}`); older
 * versions wrote it externally tagged (`{"add":{"content":…}}`); both are accepted.
 */
export function countStructuredChanges(changes: unknown): FileChangeCount[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  const files: FileChangeCount[] = [];
  for (const [path, raw] of Object.entries(changes as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const change = raw as Record<string, unknown>;
    const tagged = typeof change.type === 'string' ? change : null;
    const op = tagged ? (change.type as string) : (Object.keys(change)[0] ?? '');
    const body = (tagged ?? change[op]) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') continue;
    if (op === 'add') {
      files.push({ path, added: countContentLines(text(body.content) ?? ''), removed: 0 });
    } else if (op === 'delete') {
      files.push({ path, added: 0, removed: countContentLines(text(body.content) ?? '') });
    } else if (op === 'update') {
      const { added, removed } = countUnifiedDiff(text(body.unified_diff) ?? '');
      files.push({ path: text(body.move_path) ?? path, added, removed });
    }
  }
  return files;
}

/** The patch an apply_patch call carries: freeform input, JSON `{input}`, or `shell` with `["apply_patch", …]`. */
export function patchOfCall(name: string, payload: Record<string, unknown>): FileChangeCount[] | null {
  if (typeof payload.input === 'string' && name === 'apply_patch') return countPatch(payload.input);
  if (typeof payload.arguments !== 'string' || !payload.arguments.includes('*** Begin Patch')) return null;
  let args: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(payload.arguments);
    args = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
  if (typeof args?.input === 'string') return countPatch(args.input);
  const command = Array.isArray(args?.command) ? args.command : null;
  const patch = command?.find(
    (part): part is string => typeof part === 'string' && part.includes('*** Begin Patch'),
  );
  return patch ? countPatch(patch) : null;
}
