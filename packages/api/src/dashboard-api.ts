/**
 * Response shapes of the read-only endpoints the dashboard added (`/api/stats/hours`,
 * `/api/agent/activity`, `/api/projects/:project/files`). Plain interfaces with no imports, so the browser bundle can import them as
 * types without pulling in zod or Node code; the routes are typed against them, so the two cannot drift.
 */

/** The range a response covers, as in `GET /api/stats`. */
export interface RangeBody {
  name: string | null;
  start: string;
  end: string;
  timezone: string;
}

/** `GET /api/stats/hours`: total (union) time per local weekday and hour of the range. */
export interface HourWeekdayResponse {
  range: RangeBody;
  /** `seconds[weekday][hour]`, weekday 0 = Monday … 6 = Sunday, hour 0–23 in the range's time zone. */
  seconds: number[][];
  /** Sum of the matrix: equals `total_seconds` of `GET /api/stats` for the same query. */
  total_seconds: number;
}

/** Tokens and cost of one group (a model or an agent) on one day. */
export interface UsageFigures {
  total_tokens: number;
  /** USD; null when the usage has no price (see `unpriced_models` of `GET /api/stats`). */
  cost_usd: number | null;
}

export interface AgentActivityDay {
  date: string;
  by_model: Record<string, UsageFigures>;
  by_agent: Record<string, UsageFigures>;
  prompts: number;
}

export interface AgentToolFigures {
  name: string;
  calls: number;
  failures: number;
  duration_ms: number;
}

export interface AgentFileFigures {
  /** Path relative to the project, or the keyed hash when the client hashes paths. */
  path: string;
  project: string | null;
  language: string | null;
  sessions: number;
  reads: number;
  writes: number;
  lines_added: number;
  lines_removed: number;
}

/** `GET /api/agent/activity`: what agents did in a range, day by day and in total. */
export interface AgentActivityResponse {
  range: RangeBody;
  by_day: AgentActivityDay[];
  /** Summed over the sessions that overlap the range, most calls first. */
  tools: AgentToolFigures[];
  /** Most lines changed first; at most 200. */
  files: AgentFileFigures[];
  lines_added: number;
  lines_removed: number;
}

/** One file of a project as editors saw it: counted from heartbeats, not from durations. */
export interface ProjectFileFigures {
  /** The heartbeat's file: a path relative to the project, or the keyed hash when the client hashes paths. */
  path: string;
  language: string | null;
  /** Non-idle heartbeats on the file in the range, from every editor. */
  heartbeats: number;
  /** Heartbeats that were saves (`is_write`). */
  writes: number;
  /** Unix milliseconds of the first and last heartbeat in the range. */
  first_seen_ms: number;
  last_seen_ms: number;
}

/** `GET /api/projects/:project/files`: the project's files in editor heartbeats, most heartbeats first. */
export interface ProjectFilesResponse {
  range: RangeBody;
  project: string;
  files: ProjectFileFigures[];
}
