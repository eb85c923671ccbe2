import { z } from 'zod';

export const STAT_RANGES = [
  'today',
  'yesterday',
  'week',
  'month',
  'year',
  'last_7_days',
  'last_30_days',
  'all_time',
] as const;

export type StatRange = (typeof STAT_RANGES)[number];

/** Query of `GET /api/stats` and `GET /api/sessions`: a named range or `start`/`end` (dates or ISO times). */
export const statsQuerySchema = z.object({
  range: z.enum(STAT_RANGES).optional(),
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
  tz: z.string().max(64).optional(),
  tool: z.string().max(64).optional(),
  project: z.string().max(512).optional(),
  /** Keystroke timeout for this query, in minutes (1–120); default is the user's setting. */
  timeout: z.coerce.number().int().min(1).max(120).optional(),
});

export type StatsQuery = z.infer<typeof statsQuerySchema>;

const secondsMap = z.record(z.string(), z.number());

export const tokenTotalsSchema = z.object({
  calls: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_write_tokens: z.number(),
  cache_read_tokens: z.number(),
  reasoning_tokens: z.number(),
  total_tokens: z.number(),
  /**
   * USD: the agent's own cost where it reported one, else an estimate from the server's price table.
   * The sum of priced usage only (see `unpriced_models`); null when there is usage but none of it is priced.
   */
  cost_usd: z.number().nullable(),
});

export type TokenTotals = z.infer<typeof tokenTotalsSchema>;

export const statsResponseSchema = z.object({
  range: z.object({
    name: z.string().nullable(),
    start: z.string(),
    end: z.string(),
    timezone: z.string(),
  }),
  timeout_minutes: z.number(),
  /** Union of every tool's time: parallel tools count once. */
  total_seconds: z.number(),
  /** Sum over tools minus the union: time when two or more tools were active at once. */
  parallel_seconds: z.number(),
  by_tool: secondsMap,
  by_project: secondsMap,
  by_language: secondsMap,
  by_category: secondsMap,
  by_branch: secondsMap,
  by_machine: secondsMap,
  by_day: z.array(
    z.object({
      date: z.string(),
      seconds: z.number(),
      by_tool: secondsMap,
      by_project: secondsMap,
    }),
  ),
  agents: z.object({
    sessions: z.number(),
    prompts: z.number(),
    totals: tokenTotalsSchema,
    by_model: z.record(z.string(), tokenTotalsSchema),
    by_agent: z.record(z.string(), tokenTotalsSchema),
    /** Models with usage that has no cost (no agent cost, not in the price table): costs exclude it. */
    unpriced_models: z.array(z.string()),
    /** Date (YYYY-MM-DD) of the price table that estimated costs, so a client can say "prices as of". */
    price_table_as_of: z.string(),
  }),
});

export type StatsResponse = z.infer<typeof statsResponseSchema>;

export const activitySessionSchema = z.object({
  tool: z.string(),
  project: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  duration_seconds: z.number(),
  event_count: z.number(),
  /** Agent sessions (by id) whose turns fall inside this session. */
  agent_session_ids: z.array(z.string()),
});

export const sessionsResponseSchema = z.object({
  range: statsResponseSchema.shape.range,
  timeout_minutes: z.number(),
  sessions: z.array(activitySessionSchema),
});

export type ActivitySessionBody = z.infer<typeof activitySessionSchema>;
export type SessionsResponse = z.infer<typeof sessionsResponseSchema>;
