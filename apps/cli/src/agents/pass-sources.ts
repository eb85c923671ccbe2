import type { AgentAdapter, AgentContext, SourceFile, SyncHint } from '@devtime/agents';
import { compareText } from '@devtime/agents';
import type { TakenHints } from './sync-hints.ts';
import type { SyncState } from './sync-state.ts';

/** A hinted pass still lists the whole history this often, for changes no hook announced. */
export const FULL_SCAN_EVERY_MS = 10 * 60_000;
/** A session a hook named is re-read on every pass this long: its transcript may lag behind the hook. */
export const HINT_ACTIVE_MS = 15 * 60_000;

export type PassMode = 'full' | 'hinted';

export interface PassPlan {
  /** True when every adapter lists its whole history on this pass. */
  full: boolean;
  sources(adapter: AgentAdapter): Promise<SourceFile[]>;
}

/**
 * Which files a sync pass looks at. A foreground `devtime sync` lists everything. A pass started by hooks
 * reads only the sessions they named (and those named in the last `HINT_ACTIVE_MS`) — a handful of files
 * instead of thousands — unless a hook gave no hint, hints overflowed, or the last full listing is older
 * than `FULL_SCAN_EVERY_MS`.
 */
export function planPass(
  state: SyncState,
  ctx: AgentContext,
  taken: TakenHints,
  mode: PassMode,
  nowMs: number,
): PassPlan {
  if (mode === 'full' && taken.hints.length === 0) {
    return { full: true, sources: (adapter) => adapter.listSources(ctx) }; // and nothing to remember
  }
  const active = state.rememberHints(taken.hints, nowMs, nowMs - HINT_ACTIVE_MS);
  const lastFull = state.lastFullScanMs();
  const full =
    mode === 'full' ||
    taken.overflowed ||
    taken.hints.length === 0 ||
    lastFull === null ||
    nowMs - lastFull > FULL_SCAN_EVERY_MS;
  return {
    full,
    sources: (adapter) => (full ? adapter.listSources(ctx) : hintedSources(adapter, ctx, active)),
  };
}

async function hintedSources(
  adapter: AgentAdapter,
  ctx: AgentContext,
  hints: readonly SyncHint[],
): Promise<SourceFile[]> {
  const mine = hints.filter((hint) => hint.agent === adapter.id);
  if (mine.length === 0) return [];
  const byPath = new Map<string, SourceFile>();
  for (const hint of mine) {
    const found = adapter.hintedSources ? await adapter.hintedSources(ctx, hint) : null;
    // A hint the adapter cannot resolve: list this agent's whole history rather than miss the change.
    if (!found) return adapter.listSources(ctx);
    for (const file of found) byPath.set(file.path, file);
  }
  // Oldest first, as listSources returns them, so copied rows dedupe against their original.
  return [...byPath.values()].sort((a, b) => a.mtimeMs - b.mtimeMs || compareText(a.path, b.path));
}
