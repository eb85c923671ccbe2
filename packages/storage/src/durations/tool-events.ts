import type { ActivityEvent } from '@devtime/core';
import { sql } from 'kysely';
import { AGENT_TURN_CATEGORY, AGENT_TURN_MAX_MS } from '../agent-turn-event.ts';
import type { Db } from '../database.ts';

/**
 * Queries over the activity events of one user's tool: its non-idle heartbeats plus, when the tool is an
 * agent, that agent's turns. Every query is a range over (user, tool, time) on the heartbeats' primary
 * key and the turns' (user, agent, started_at) index.
 */

/** A time range; `toMs` is exclusive unless `toInclusive`. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
  toInclusive?: boolean;
}

export interface EventRow {
  time_ms: number;
  duration_ms: number;
  project: string | null;
  language: string | null;
  category: string;
  branch: string | null;
  machine_id: string | null;
}

/** Heartbeats and turns as event rows of one shape, so they can be unioned. */
function heartbeatEventRows(db: Db, userId: string, tool: string, range: TimeRange) {
  return db
    .selectFrom('heartbeats')
    .select([
      'time_ms',
      sql<number>`0`.as('duration_ms'),
      'project',
      'language',
      'category',
      'branch',
      'machine_id',
    ])
    .where('user_id', '=', userId)
    .where('tool', '=', tool)
    .where('time_ms', '>=', range.fromMs)
    .where('time_ms', range.toInclusive ? '<=' : '<', range.toMs)
    .where('idle', '=', 0);
}

function turnEventRows(db: Db, userId: string, agent: string, range: TimeRange) {
  return db
    .selectFrom('agent_turns')
    .select([
      'started_at_ms as time_ms',
      'duration_ms',
      'project',
      // Casts give the literals a type, which Postgres needs to line them up with the heartbeat columns.
      sql<string | null>`cast(null as text)`.as('language'),
      sql<string>`cast(${AGENT_TURN_CATEGORY} as text)`.as('category'),
      'branch',
      'machine_id',
    ])
    .where('user_id', '=', userId)
    .where('agent', '=', agent)
    .where('started_at_ms', '>=', range.fromMs)
    .where('started_at_ms', range.toInclusive ? '<=' : '<', range.toMs);
}

export function toEvent(tool: string, row: EventRow): ActivityEvent {
  return {
    timeMs: row.time_ms,
    durationMs: row.duration_ms,
    dims: {
      tool,
      project: row.project,
      language: row.language,
      category: row.category,
      branch: row.branch,
      machine: row.machine_id,
    },
  };
}

/** The tool's events in a range, unordered. */
export async function eventsIn(
  db: Db,
  userId: string,
  tool: string,
  range: TimeRange,
): Promise<ActivityEvent[]> {
  const rows = await heartbeatEventRows(db, userId, tool, range)
    .unionAll(turnEventRows(db, userId, tool, range))
    .execute();
  return rows.map((row) => toEvent(tool, row));
}

/**
 * How many distinct events (by time, duration and dimensions: the identity core's duration computation
 * dedupes by) lie in a range. UNION, not UNION ALL, does the deduplication.
 */
export async function countDistinctEvents(
  db: Db,
  userId: string,
  tool: string,
  range: TimeRange,
): Promise<number> {
  const row = await db
    .selectFrom(
      heartbeatEventRows(db, userId, tool, range)
        .union(turnEventRows(db, userId, tool, range))
        .as('events'),
    )
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface Neighbours {
  /** Time of the last event before the span, if any. */
  lastBeforeMs: number | null;
  /** Whether the tool has agent turns before the span (only turns can reach past their start). */
  turnBefore: boolean;
  /** Time of the first event after the span's end, if any. */
  firstAfterMs: number | null;
  /** Time of the `limit`-th event from the span's start on, per source, bounding one window's size. */
  chunkEndMs: number | null;
}

/** Everything a window recompute needs to know about the span's surroundings, in one statement. */
export async function neighbours(
  db: Db,
  userId: string,
  tool: string,
  span: { fromMs: number; toMs: number },
  limit: number,
): Promise<Neighbours> {
  const heartbeats = () =>
    db
      .selectFrom('heartbeats')
      .select('time_ms')
      .where('user_id', '=', userId)
      .where('tool', '=', tool)
      .where('idle', '=', 0);
  const turns = () =>
    db
      .selectFrom('agent_turns')
      .select('started_at_ms')
      .where('user_id', '=', userId)
      .where('agent', '=', tool);
  const row = await db
    .selectNoFrom([
      heartbeats().where('time_ms', '<', span.fromMs).orderBy('time_ms', 'desc').limit(1).as('hb_before'),
      turns()
        .where('started_at_ms', '<', span.fromMs)
        .orderBy('started_at_ms', 'desc')
        .limit(1)
        .as('turn_before'),
      heartbeats().where('time_ms', '>', span.toMs).orderBy('time_ms').limit(1).as('hb_after'),
      turns().where('started_at_ms', '>', span.toMs).orderBy('started_at_ms').limit(1).as('turn_after'),
      heartbeats()
        .where('time_ms', '>=', span.fromMs)
        .orderBy('time_ms')
        .limit(1)
        .offset(limit)
        .as('hb_chunk_end'),
      turns()
        .where('started_at_ms', '>=', span.fromMs)
        .orderBy('started_at_ms')
        .limit(1)
        .offset(limit)
        .as('turn_chunk_end'),
    ])
    .executeTakeFirstOrThrow();
  return {
    lastBeforeMs: maxOf(row.hb_before, row.turn_before),
    turnBefore: row.turn_before !== null,
    firstAfterMs: minOf(row.hb_after, row.turn_after),
    chunkEndMs: minOf(row.hb_chunk_end, row.turn_chunk_end),
  };
}

/** Time of the first event after `afterMs`, if any. */
export async function firstEventAfter(
  db: Db,
  userId: string,
  tool: string,
  afterMs: number,
): Promise<number | null> {
  const row = await db
    .selectNoFrom([
      db
        .selectFrom('heartbeats')
        .select('time_ms')
        .where('user_id', '=', userId)
        .where('tool', '=', tool)
        .where('idle', '=', 0)
        .where('time_ms', '>', afterMs)
        .orderBy('time_ms')
        .limit(1)
        .as('hb'),
      db
        .selectFrom('agent_turns')
        .select('started_at_ms')
        .where('user_id', '=', userId)
        .where('agent', '=', tool)
        .where('started_at_ms', '>', afterMs)
        .orderBy('started_at_ms')
        .limit(1)
        .as('turn'),
    ])
    .executeTakeFirstOrThrow();
  return minOf(row.hb, row.turn);
}

/**
 * The furthest end of the agent's turns that start before `beforeMs`. Turns are clipped to
 * `AGENT_TURN_MAX_MS`, so only turns starting that long before can still be running; heartbeats end
 * where they start and never reach past `beforeMs`.
 */
export async function turnCoverEndBefore(
  db: Db,
  userId: string,
  agent: string,
  beforeMs: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('agent_turns')
    .select((eb) => eb.fn.max(eb('started_at_ms', '+', eb.ref('duration_ms'))).as('end_ms'))
    .where('user_id', '=', userId)
    .where('agent', '=', agent)
    .where('started_at_ms', '>=', beforeMs - AGENT_TURN_MAX_MS)
    .where('started_at_ms', '<', beforeMs)
    .executeTakeFirst();
  return row?.end_ms == null ? null : Number(row.end_ms);
}

/** The tools a user has events for: heartbeat tools plus agents with sessions. */
export async function toolsWithEvents(db: Db, userId: string): Promise<string[]> {
  // A loose index scan: one index probe per distinct tool instead of reading every heartbeat.
  const heartbeatTools = await sql<{ tool: string | null }>`
    with recursive tools(tool) as (
      select min(tool) from heartbeats where user_id = ${userId}
      union all
      select (select min(h.tool) from heartbeats h where h.user_id = ${userId} and h.tool > tools.tool)
      from tools where tools.tool is not null
    )
    select tool from tools where tool is not null`.execute(db);
  const agents = await db
    .selectFrom('agent_sessions')
    .select('agent')
    .distinct()
    .where('user_id', '=', userId)
    .execute();
  const tools = new Set<string>();
  for (const row of heartbeatTools.rows) if (row.tool !== null) tools.add(row.tool);
  for (const row of agents) tools.add(row.agent);
  return [...tools].sort();
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}
