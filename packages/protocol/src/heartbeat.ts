import { z } from 'zod';
import { ACTIVITY_TYPE_TO_CATEGORY, CATEGORIES, type Category, DEFAULT_CATEGORY } from './categories.ts';
import { LIMITS } from './limits.ts';

const count = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);
const optionalText = (max: number) => z.string().max(max).nullish();

/** Tool ids are lower-case slugs: `vscode`, `claude-code`, `codex`, `zed`, `neovim`. */
export const toolIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.toolLength)
  .regex(/^[a-z0-9][a-z0-9._+-]*$/, 'tool must be a lower-case id such as "vscode" or "claude-code"');

/**
 * One editor (or agent) activity event. The plan's native fields plus WakaTime's heartbeat fields, so
 * the WakaTime-compatible routes are a mapping onto this schema rather than a second model.
 * Unknown fields are accepted and dropped (WakaTime plugins send extras).
 */
export const heartbeatSchema = z.object({
  tool: toolIdSchema,
  /** Unix time in milliseconds. */
  timestamp: z.number().finite().nonnegative(),
  activity_type: z.string().max(32).nullish(),
  category: z.enum(CATEGORIES).nullish(),

  project: optionalText(LIMITS.nameLength),
  project_root_count: count.nullish(),
  /** The plan's `file`; WakaTime calls it `entity`. Relative path, hashed path, domain or app name. */
  file: optionalText(LIMITS.entityLength),
  entity_type: z.enum(['file', 'domain', 'app', 'url']).nullish(),
  language: optionalText(LIMITS.nameLength),
  branch: optionalText(LIMITS.branchLength),
  machine_id: optionalText(128),
  dependencies: z.array(z.string().max(LIMITS.dependencyLength)).max(LIMITS.dependencies).nullish(),

  is_write: z.boolean().nullish(),
  lines: count.nullish(),
  cursor_line: count.nullish(),
  lineno: count.nullish(),
  cursorpos: count.nullish(),
  line_additions: count.nullish(),
  line_deletions: count.nullish(),

  tokens_in: count.nullish(),
  tokens_out: count.nullish(),
  session_id: optionalText(256),
  ai_line_changes: count.nullish(),
  human_line_changes: count.nullish(),
  ai_session: optionalText(256),
  ai_input_tokens: count.nullish(),
  ai_output_tokens: count.nullish(),
  ai_prompt_length: count.nullish(),

  editor: optionalText(128),
  editor_version: optionalText(64),
  plugin: optionalText(128),
  os: optionalText(128),
  user_agent: optionalText(LIMITS.userAgentLength),
});

export type HeartbeatInput = z.input<typeof heartbeatSchema>;
export type Heartbeat = z.output<typeof heartbeatSchema>;

/** `activity_type` and `category` collapse into one category; an explicit category wins. */
export function categoryOf(heartbeat: Pick<Heartbeat, 'category' | 'activity_type'>): Category {
  if (heartbeat.category) return heartbeat.category;
  if (heartbeat.activity_type) return ACTIVITY_TYPE_TO_CATEGORY[heartbeat.activity_type] ?? DEFAULT_CATEGORY;
  return DEFAULT_CATEGORY;
}

/** "idle" heartbeats are kept for the record but never count as time. */
export function isIdle(heartbeat: Pick<Heartbeat, 'activity_type'>): boolean {
  return heartbeat.activity_type === 'idle';
}

export const heartbeatBatchSchema = z.object({
  heartbeats: z.array(z.unknown()).min(1).max(LIMITS.batchSize),
});

export type HeartbeatItemResult =
  | { index: number; status: 'created' | 'duplicate' }
  | { index: number; status: 'rejected'; error: { code: 'validation_failed'; message: string } };

export interface HeartbeatBatchResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: HeartbeatItemResult[];
}

export interface HeartbeatResponse {
  ok: true;
  status: 'created' | 'duplicate';
}
