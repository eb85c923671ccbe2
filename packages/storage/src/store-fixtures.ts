import { createHash } from 'node:crypto';
import {
  type ActivityEvent,
  type DurationInterval,
  dimensionKey,
  MINUTE_MS,
  mergeTouchingIntervals,
} from '@devtime/core';
import type { AgentSessionRollup } from '@devtime/protocol';
import { AGENT_TURN_CATEGORY, agentTurnDurationMs } from './agent-turn-event.ts';
import type { HeartbeatRow, NewUser, Store } from './store.ts';

/** Builders and comparisons shared by the store contract tests. */

export const BASE_MS = Date.UTC(2024, 2, 10, 21, 0, 0);

let userCounter = 0;

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  userCounter += 1;
  return {
    username: `user-${userCounter}-${Math.random().toString(36).slice(2, 8)}`,
    passwordHash: null,
    timeZone: 'UTC',
    timeoutMs: 15 * MINUTE_MS,
    isAdmin: false,
    createdAtMs: BASE_MS,
    ...overrides,
  };
}

export function heartbeat(timeMs: number, overrides: Partial<HeartbeatRow> = {}): HeartbeatRow {
  const row: HeartbeatRow = {
    tool: 'vscode',
    timeMs,
    dedupeHash: '',
    category: 'coding',
    idle: false,
    entity: '/src/main.ts',
    entityType: 'file',
    project: 'devtime',
    projectRootCount: null,
    language: 'TypeScript',
    branch: 'main',
    machineId: 'machine-1',
    isWrite: false,
    lines: 100,
    lineno: 10,
    cursorpos: 3,
    lineAdditions: null,
    lineDeletions: null,
    aiLineChanges: null,
    humanLineChanges: null,
    aiSession: null,
    aiInputTokens: null,
    aiOutputTokens: null,
    aiPromptLength: null,
    dependencies: ['kysely'],
    editor: 'vscode',
    plugin: 'devtime-vscode/1.0.0',
    os: 'linux',
    userAgent: 'devtime/1.0',
    receivedAtMs: timeMs + 1000,
    ...overrides,
  };
  if (!overrides.dedupeHash) row.dedupeHash = contentHash(row);
  return row;
}

function contentHash(row: HeartbeatRow): string {
  const { receivedAtMs: _received, dedupeHash: _hash, ...content } = row;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The activity event a stored, non-idle heartbeat stands for. */
export function heartbeatEvent(row: HeartbeatRow): ActivityEvent {
  return {
    timeMs: row.timeMs,
    durationMs: 0,
    dims: {
      tool: row.tool,
      project: row.project,
      language: row.language,
      category: row.category,
      branch: row.branch,
      machine: row.machineId,
    },
  };
}

export function rollup(
  overrides: Partial<AgentSessionRollup> & Pick<AgentSessionRollup, 'session_id'>,
): AgentSessionRollup {
  const startedAt = overrides.started_at ?? BASE_MS;
  return {
    schema_version: 1,
    agent: 'claude-code',
    machine_id: 'machine-1',
    project: 'devtime',
    cwd_hash: 'cwd',
    branch: 'main',
    agent_version: '2.0.0',
    started_at: startedAt,
    ended_at: startedAt + 30 * MINUTE_MS,
    turns: [{ started_at: startedAt, ended_at: startedAt + 10 * MINUTE_MS, prompt_chars: 40, models: null }],
    models: [
      {
        model: 'claude-sonnet-4',
        provider: 'anthropic',
        calls: 3,
        input_tokens: 100,
        output_tokens: 50,
        cache_write_tokens: 10,
        cache_read_tokens: 1000,
        reasoning_tokens: 0,
        cost_usd: null,
      },
    ],
    tools: [{ name: 'Bash', calls: 2, failures: 0, duration_ms: 1200 }],
    files: [
      {
        path: 'src/main.ts',
        path_hash: null,
        language: 'TypeScript',
        kind: 'code',
        reads: 1,
        writes: 1,
        lines_added: 3,
        lines_removed: 1,
      },
    ],
    ...overrides,
  };
}

export function rollupHash(session: AgentSessionRollup): string {
  return createHash('sha256').update(JSON.stringify(session)).digest('hex');
}

/** The activity events an agent session's turns stand for. */
export function turnEvents(session: AgentSessionRollup): ActivityEvent[] {
  return session.turns.map((turn) => ({
    timeMs: turn.started_at,
    durationMs: agentTurnDurationMs(turn.started_at, turn.ended_at),
    dims: {
      tool: session.agent,
      project: session.project ?? null,
      language: null,
      category: AGENT_TURN_CATEGORY,
      branch: session.branch ?? null,
      machine: session.machine_id ?? null,
    },
  }));
}

export const ALL_TIME = { fromMs: 0, toMs: Date.UTC(2100, 0, 1) };

export function totalMs(intervals: readonly DurationInterval[]): number {
  return intervals.reduce((sum, interval) => sum + interval.endMs - interval.startMs, 0);
}

/** Total milliseconds per dimension set, keyed by `dimensionKey`. */
export function totalsByDims(intervals: readonly DurationInterval[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const interval of intervals) {
    const key = dimensionKey(interval.dims);
    totals.set(key, (totals.get(key) ?? 0) + interval.endMs - interval.startMs);
  }
  return totals;
}

/** Undoes the storage's UTC-day split: merges touching equal-dimension intervals per tool. */
export function mergeAcrossDays(intervals: readonly DurationInterval[]): DurationInterval[] {
  return mergeTouchingIntervals(sortByToolThenStart(intervals));
}

export function sortByToolThenStart(intervals: readonly DurationInterval[]): DurationInterval[] {
  return [...intervals].sort((a, b) =>
    a.dims.tool === b.dims.tool ? a.startMs - b.startMs : a.dims.tool < b.dims.tool ? -1 : 1,
  );
}

export async function readAll(store: Store, userId: string): Promise<DurationInterval[]> {
  await store.flushDurations(userId);
  return store.readDurations(userId, ALL_TIME);
}

/** A small deterministic PRNG (mulberry32), so a failing random case can be replayed from its seed. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
