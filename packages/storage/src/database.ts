import type { ColumnType, Kysely, Transaction } from 'kysely';

/**
 * Table shapes as Kysely sees them. Times are BIGINT Unix milliseconds (read back as numbers on both
 * dialects). Flags are written as 0/1, which SQLite stores as integers and Postgres parses into its
 * boolean columns, and read back through `Boolean()`.
 */
export type DbBool = ColumnType<number | boolean, 0 | 1, 0 | 1>;
/** JSON documents: written as JSON text, read back as whatever the dialect hands out (see `decodeJson`). */
export type DbJson = ColumnType<unknown, string | null, string | null>;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string | null;
  time_zone: string;
  timeout_ms: number;
  is_admin: DbBool;
  created_at_ms: number;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  read_only: DbBool;
  created_at_ms: number;
  last_used_at_ms: number | null;
  revoked_at_ms: number | null;
}

export interface WebSessionsTable {
  id_hash: string;
  user_id: string;
  created_at_ms: number;
  expires_at_ms: number;
}

export interface MachinesTable {
  user_id: string;
  id: string;
  name: string | null;
  hostname: string | null;
  os: string | null;
  first_seen_ms: number;
  last_seen_ms: number;
}

export interface HeartbeatsTable {
  user_id: string;
  tool: string;
  time_ms: number;
  dedupe_hash: string;
  category: string;
  idle: DbBool;
  entity: string | null;
  entity_type: string | null;
  project: string | null;
  project_root_count: number | null;
  language: string | null;
  branch: string | null;
  machine_id: string | null;
  is_write: DbBool;
  lines: number | null;
  lineno: number | null;
  cursorpos: number | null;
  line_additions: number | null;
  line_deletions: number | null;
  ai_line_changes: number | null;
  human_line_changes: number | null;
  ai_session: string | null;
  ai_input_tokens: number | null;
  ai_output_tokens: number | null;
  ai_prompt_length: number | null;
  dependencies: DbJson;
  editor: string | null;
  plugin: string | null;
  os: string | null;
  user_agent: string | null;
  received_at_ms: number;
}

export interface AgentSessionsTable {
  user_id: string;
  agent: string;
  session_id: string;
  machine_id: string | null;
  project: string | null;
  cwd_hash: string | null;
  branch: string | null;
  agent_version: string | null;
  started_at_ms: number;
  ended_at_ms: number;
  turn_count: number;
  prompt_count: number;
  content_hash: string;
  received_at_ms: number;
  rollup: DbJson;
}

/** One agent turn; session fields are copied in so duration maintenance reads events without a join. */
export interface AgentTurnsTable {
  user_id: string;
  agent: string;
  session_id: string;
  turn_index: number;
  started_at_ms: number;
  ended_at_ms: number;
  /** The turn's duration as an activity event: ended − started, clipped (see `AGENT_TURN_MAX_MS`). */
  duration_ms: number;
  prompt_chars: number | null;
  project: string | null;
  branch: string | null;
  machine_id: string | null;
}

export interface AgentUsageTable {
  user_id: string;
  agent: string;
  session_id: string;
  usage_index: number;
  turn_index: number | null;
  model: string;
  provider: string | null;
  at_ms: number;
  project: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
}

export interface AgentToolsTable {
  user_id: string;
  agent: string;
  session_id: string;
  tool_index: number;
  name: string;
  calls: number;
  failures: number;
  duration_ms: number;
}

export interface AgentFilesTable {
  user_id: string;
  agent: string;
  session_id: string;
  file_index: number;
  path: string | null;
  path_hash: string | null;
  language: string | null;
  kind: string | null;
  reads: number;
  writes: number;
  lines_added: number;
  lines_removed: number;
}

export interface DurationsTable {
  user_id: string;
  tool: string;
  start_ms: number;
  end_ms: number;
  /** The row's dimensions as an id into `dimension_sets`, so reads fetch numbers instead of strings. */
  dims_id: number;
  project: string | null;
  language: string | null;
  category: string;
  branch: string | null;
  machine: string | null;
  event_count: number;
}

/** Each distinct set of dimensions a user's durations use, under a content-derived id. */
export interface DimensionSetsTable {
  user_id: string;
  id: number;
  tool: string;
  project: string | null;
  language: string | null;
  category: string;
  branch: string | null;
  machine: string | null;
}

export interface DurationDirtyTable {
  user_id: string;
  tool: string;
  from_ms: number;
  to_ms: number;
  /** Bumped by every mark, so a flush only clears the mark it actually processed. */
  revision: number;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  web_sessions: WebSessionsTable;
  machines: MachinesTable;
  heartbeats: HeartbeatsTable;
  agent_sessions: AgentSessionsTable;
  agent_turns: AgentTurnsTable;
  agent_usage: AgentUsageTable;
  agent_tools: AgentToolsTable;
  agent_files: AgentFilesTable;
  durations: DurationsTable;
  dimension_sets: DimensionSetsTable;
  duration_dirty: DurationDirtyTable;
}

/** A connection or a transaction: query helpers accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
