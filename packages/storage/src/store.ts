import type { ActivityEvent, DurationInterval } from '@devtime/core';
import type { AgentSessionRollup } from '@devtime/protocol';

/**
 * The storage contract. Every dialect (SQLite, Postgres, …) passes the same contract test suite
 * (`store-contract.ts`). All methods are scoped by user id: a Store never returns another user's rows.
 * Times are Unix milliseconds.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // users ------------------------------------------------------------------------------------------
  createUser(input: NewUser): Promise<UserRecord>;
  getUserById(id: string): Promise<UserRecord | null>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Deletes the user and everything they own. */
  deleteUser(id: string): Promise<boolean>;
  /** Changing `timeoutMs` does not touch stored durations: call `rebuildDurations` afterwards. */
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | null>;

  // api keys ---------------------------------------------------------------------------------------
  createApiKey(input: NewApiKey): Promise<ApiKeyRecord>;
  /** Looks up a live (not revoked) key by the SHA-256 hex of the key. */
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(userId: string): Promise<ApiKeyRecord[]>;
  /** Revokes one of the user's keys; false when the key is not theirs or already revoked. */
  revokeApiKey(userId: string, keyId: string): Promise<boolean>;
  touchApiKey(keyId: string, usedAtMs: number): Promise<void>;

  // browser sessions (dashboard login) ---------------------------------------------------------------
  createWebSession(input: {
    idHash: string;
    userId: string;
    createdAtMs: number;
    expiresAtMs: number;
  }): Promise<void>;
  findWebSession(idHash: string, nowMs: number): Promise<{ userId: string; expiresAtMs: number } | null>;
  deleteWebSession(idHash: string): Promise<void>;

  // machines ---------------------------------------------------------------------------------------
  /** Ingest's sighting: never pass `name` from a client header, it is the user's display name. */
  upsertMachine(userId: string, machine: MachineInput): Promise<void>;
  /** Most recently seen first. */
  listMachines(userId: string): Promise<MachineRecord[]>;
  /**
   * Sets the user-chosen display name (null clears it); later sightings do not overwrite it.
   * Null when the user has no machine with this id.
   */
  renameMachine(userId: string, machineId: string, name: string | null): Promise<MachineRecord | null>;
  /**
   * Deletes the user's machine row; with `purgeAgentSessions`, also the agent sessions uploaded from it
   * (rollups carry `machine_id`), whose durations are then recomputed by the next flush. Heartbeats keep
   * their `machine_id`. A machine that reports again is recorded afresh (without its old name).
   */
  deleteMachine(
    userId: string,
    machineId: string,
    options: { purgeAgentSessions: boolean },
  ): Promise<MachineDeletion>;

  // activity ---------------------------------------------------------------------------------------
  /**
   * Inserts heartbeats; a row whose (user, tool, time, dedupeHash) already exists is skipped.
   * Returns, per input row, whether it was new. Marks the touched time range dirty for duration
   * maintenance in the same transaction, so a crash never leaves durations silently stale.
   */
  insertHeartbeats(userId: string, rows: readonly HeartbeatRow[]): Promise<boolean[]>;
  /**
   * Stores a rollup, replacing an earlier upload of the same (agent, session id). Returns
   * 'unchanged' when the stored rollup is identical (by contentHash), so re-sends are free.
   */
  upsertAgentSession(
    userId: string,
    rollup: AgentSessionRollup,
    contentHash: string,
    receivedAtMs: number,
  ): Promise<'created' | 'updated' | 'unchanged'>;

  // durations --------------------------------------------------------------------------------------
  /**
   * Recomputes durations for every dirty range (all users, or one user). Cheap when nothing is dirty.
   * Ingest only marks ranges dirty; call this before `readDurations` (and periodically in the background).
   */
  flushDurations(userId?: string): Promise<void>;
  /** Throws away and recomputes a user's durations with their current timeout (after a timeout change). */
  rebuildDurations(userId: string): Promise<void>;
  /**
   * Materialised intervals overlapping [fromMs, toMs), unclipped, sorted by startMs (then tool). Stored
   * rows are split at UTC midnights, so an interval over midnight comes back as two touching rows.
   * Intervals with equal dimensions share one `dims` object: treat it as read-only.
   */
  readDurations(userId: string, query: ActivityQuery): Promise<DurationInterval[]>;
  /** Raw events (heartbeats and agent turns) in [fromMs, toMs), for queries with a non-default timeout. */
  readEvents(userId: string, query: ActivityQuery): Promise<ActivityEvent[]>;

  // raw heartbeats -----------------------------------------------------------------------------------
  /**
   * The files (entity type `file`) of one project seen in non-idle heartbeats in [fromMs, toMs), any
   * tool: heartbeat and write counts, first and last time. Most heartbeats first (then most recent, then
   * path); at most `limit` (default 50).
   */
  listHeartbeatFiles(userId: string, query: HeartbeatFilesQuery): Promise<HeartbeatFileRow[]>;
  /**
   * One page of the user's stored heartbeats (idle ones included) in [fromMs, toMs), in (time, tool,
   * dedupe hash) order, strictly after `after`. `next` is the cursor for the following page, null when
   * this page is the last. Keyset pagination: a page costs the same at the start and the end of a year,
   * and rows inserted meanwhile never shift what the next page returns.
   */
  readHeartbeatPage(userId: string, query: HeartbeatPageQuery): Promise<HeartbeatPage>;

  // agent usage ------------------------------------------------------------------------------------
  /** Token usage rows attributed to times in [fromMs, toMs) (turn start, or session start). */
  readAgentUsage(userId: string, query: ActivityQuery): Promise<AgentUsageRow[]>;
  /** Agent sessions overlapping [fromMs, toMs). */
  listAgentSessions(userId: string, query: ActivityQuery): Promise<AgentSessionSummary[]>;
  /** The full rollup as last uploaded (for a session detail page), or null. */
  getAgentSession(userId: string, agent: string, sessionId: string): Promise<AgentSessionRollup | null>;
}

export interface ActivityQuery {
  fromMs: number;
  toMs: number;
  tool?: string | undefined;
  project?: string | undefined;
}

export interface HeartbeatFilesQuery {
  fromMs: number;
  toMs: number;
  project: string;
  /** Default 50. */
  limit?: number | undefined;
}

export interface HeartbeatFileRow {
  /** The heartbeat's entity: a path relative to the project, or the client's keyed hash of it. */
  path: string;
  /** The file's language; when heartbeats disagree, the greatest non-null one. */
  language: string | null;
  heartbeats: number;
  /** Heartbeats with `is_write` (saves). */
  writes: number;
  firstMs: number;
  lastMs: number;
}

/** Where a heartbeat page ends: the last row's position in (time, tool, dedupe hash) order. */
export interface HeartbeatCursor {
  timeMs: number;
  tool: string;
  dedupeHash: string;
}

export interface HeartbeatPageQuery {
  fromMs: number;
  toMs: number;
  tool?: string | undefined;
  project?: string | undefined;
  /** null for the first page. */
  after: HeartbeatCursor | null;
  limit: number;
}

export interface HeartbeatPage {
  heartbeats: HeartbeatRow[];
  next: HeartbeatCursor | null;
}

export interface NewUser {
  username: string;
  /** Already derived with the password KDF; null for a key-only user. */
  passwordHash: string | null;
  timeZone: string;
  timeoutMs: number;
  isAdmin: boolean;
  createdAtMs: number;
}

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string | null;
  timeZone: string;
  timeoutMs: number;
  isAdmin: boolean;
  createdAtMs: number;
}

export interface UserPatch {
  passwordHash?: string | null;
  timeZone?: string;
  timeoutMs?: number;
}

export interface NewApiKey {
  userId: string;
  name: string;
  keyHash: string;
  prefix: string;
  readOnly: boolean;
  createdAtMs: number;
}

export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  keyHash: string;
  prefix: string;
  readOnly: boolean;
  createdAtMs: number;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
}

export interface MachineInput {
  id: string;
  name?: string | null;
  hostname?: string | null;
  os?: string | null;
  seenAtMs: number;
}

export interface MachineRecord {
  id: string;
  name: string | null;
  hostname: string | null;
  os: string | null;
  firstSeenMs: number;
  lastSeenMs: number;
}

export interface MachineDeletion {
  /** Whether a machine row was deleted. */
  machine: boolean;
  /** Agent sessions deleted (0 without `purgeAgentSessions`). */
  agentSessions: number;
}

/** A heartbeat as stored: normalised by the api's ingest pipeline. */
export interface HeartbeatRow {
  tool: string;
  /** Unix milliseconds, a whole number. */
  timeMs: number;
  /** Hash of the heartbeat's content; with (user, tool, time) it makes re-sends harmless. */
  dedupeHash: string;
  category: string;
  /** Idle heartbeats are stored but produce no time. */
  idle: boolean;
  entity: string | null;
  entityType: string | null;
  project: string | null;
  projectRootCount: number | null;
  language: string | null;
  branch: string | null;
  machineId: string | null;
  isWrite: boolean;
  lines: number | null;
  lineno: number | null;
  cursorpos: number | null;
  lineAdditions: number | null;
  lineDeletions: number | null;
  aiLineChanges: number | null;
  humanLineChanges: number | null;
  aiSession: string | null;
  aiInputTokens: number | null;
  aiOutputTokens: number | null;
  aiPromptLength: number | null;
  dependencies: string[] | null;
  editor: string | null;
  plugin: string | null;
  os: string | null;
  userAgent: string | null;
  receivedAtMs: number;
}

export interface AgentUsageRow {
  agent: string;
  sessionId: string;
  project: string | null;
  model: string;
  atMs: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
}

export interface AgentSessionSummary {
  agent: string;
  sessionId: string;
  project: string | null;
  branch: string | null;
  machineId: string | null;
  startedAtMs: number;
  endedAtMs: number;
  turns: number;
  prompts: number;
}
