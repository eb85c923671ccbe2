import { type ActivityEvent, MINUTE_MS } from '@devtime/core';
import type { AgentSessionRollup } from '@devtime/protocol';
import type { HeartbeatRow } from './store.ts';
import { BASE_MS, heartbeat, heartbeatEvent, randomSource, turnEvents } from './store-fixtures.ts';

const HOUR_MS = 60 * MINUTE_MS;

export type ActivityStep =
  | { kind: 'heartbeats'; rows: HeartbeatRow[] }
  | { kind: 'session'; session: AgentSessionRollup }
  | { kind: 'flush' };

export interface RandomActivity {
  /** What to send to the store, in order. */
  steps: ActivityStep[];
  /** The events a full recompute sees once every step ran: last session uploads win. */
  finalEvents: ActivityEvent[];
}

/**
 * A few days of messy activity for the incremental-equals-full test: two editors and an agent (with
 * heartbeats of its own), gaps around the timeout, heartbeats at the same instant, idle heartbeats,
 * exact re-sends, batches out of time order, backfills, and agent sessions re-uploaded with moved,
 * dropped or over-long (clipped) turns.
 */
export function randomActivity(seed: number, heartbeatCount = 300): RandomActivity {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (lowMs: number, highMs: number) => lowMs + Math.floor(random() * (highMs - lowMs));

  const randomDims = () => ({
    project: pick(['api', 'web', null]),
    language: pick(['TypeScript', 'Go', null]),
    category: pick(['coding', 'debugging']),
    branch: pick(['main', null]),
    machineId: pick(['m1', 'm2']),
  });

  const rows: HeartbeatRow[] = [];
  const tools = ['vscode', 'vim', 'claude-code'];
  for (const [toolIndex, tool] of tools.entries()) {
    const count = toolIndex === 2 ? heartbeatCount / 10 : heartbeatCount / 2;
    let timeMs = BASE_MS + between(0, HOUR_MS);
    let dims = randomDims();
    for (let i = 0; i < count; i++) {
      // Mostly the same dimensions as the previous heartbeat, so intervals merge and rows span events.
      if (random() < 0.25) dims = randomDims();
      const draw = random();
      timeMs +=
        draw < 0.08
          ? 0
          : draw < 0.6
            ? between(1, 5 * MINUTE_MS)
            : draw < 0.85
              ? between(5 * MINUTE_MS, 25 * MINUTE_MS)
              : between(25 * MINUTE_MS, 4 * HOUR_MS);
      rows.push(
        heartbeat(timeMs, {
          tool,
          entity: `file-${between(0, 4)}`,
          ...dims,
          idle: random() < 0.05,
        }),
      );
    }
  }
  const spanEndMs = Math.max(...rows.map((row) => row.timeMs));

  // Re-sends of rows already sent, and a time order that is mostly but not entirely ascending.
  const sent = [...rows, ...rows.filter(() => random() < 0.1)];
  if (random() < 0.5) {
    sent.sort((a, b) => a.timeMs - b.timeMs);
    for (let i = 0; i < sent.length; i++) {
      if (random() < 0.2) swap(sent, i, between(0, sent.length));
    }
  } else {
    for (let i = sent.length - 1; i > 0; i--) swap(sent, i, between(0, i + 1));
  }

  const steps: ActivityStep[] = [];
  for (let start = 0; start < sent.length; ) {
    const size = between(1, 41);
    steps.push({ kind: 'heartbeats', rows: sent.slice(start, start + size) });
    if (random() < 0.4) steps.push({ kind: 'flush' });
    start += size;
  }

  const finalSessions = new Map<string, AgentSessionRollup>();
  for (let index = 0; index < 8; index++) {
    const uploads = random() < 0.5 ? 2 : 1;
    for (let upload = 0; upload < uploads; upload++) {
      const session = randomSession(`session-${index}`, between(BASE_MS, spanEndMs), random, pick, between);
      steps.splice(between(0, steps.length + 1), 0, { kind: 'session', session });
    }
  }
  for (const step of steps)
    if (step.kind === 'session') finalSessions.set(step.session.session_id, step.session);

  const finalEvents = rows.filter((row) => !row.idle).map(heartbeatEvent);
  for (const session of finalSessions.values()) finalEvents.push(...turnEvents(session));
  return { steps, finalEvents };
}

function randomSession(
  sessionId: string,
  startedAt: number,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  between: (lowMs: number, highMs: number) => number,
): AgentSessionRollup {
  const turns: AgentSessionRollup['turns'] = [];
  let timeMs = startedAt;
  const turnCount = between(0, 6);
  for (let i = 0; i < turnCount; i++) {
    const durationMs =
      random() < 0.08
        ? between(12 * HOUR_MS, 14 * HOUR_MS)
        : random() < 0.15
          ? 0
          : between(1, 40 * MINUTE_MS);
    turns.push({ started_at: timeMs, ended_at: timeMs + durationMs, prompt_chars: 10, models: null });
    timeMs += durationMs + (random() < 0.3 ? 0 : between(0, 30 * MINUTE_MS));
  }
  return {
    schema_version: 1,
    agent: 'claude-code',
    session_id: sessionId,
    machine_id: pick(['m1', 'm2']),
    project: pick(['api', 'web', null]),
    cwd_hash: null,
    branch: pick(['main', null]),
    agent_version: null,
    started_at: startedAt,
    ended_at: Math.max(timeMs, startedAt),
    turns,
    models: [],
    tools: [],
    files: [],
  };
}

function swap<T>(items: T[], i: number, j: number): void {
  const item = items[i]!;
  items[i] = items[j]!;
  items[j] = item;
}
