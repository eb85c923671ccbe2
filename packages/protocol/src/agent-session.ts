import { z } from 'zod';
import { toolIdSchema } from './heartbeat.ts';
import { LIMITS } from './limits.ts';

/**
 * The agent session rollup: everything DevTime keeps about one AI agent session, metadata only.
 * Never prompt or reply text, tool arguments or outputs, command text, file contents or diffs.
 *
 * Token counts are disjoint so totals are plain sums (docs/agents.md): `input_tokens` is uncached
 * input, cache writes and reads are separate, and `reasoning_tokens` is an informational subset of
 * `output_tokens`. Parsers convert each agent's own semantics into these before upload.
 */
export const AGENT_SESSION_SCHEMA_VERSION = 1;

const tokens = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const timeMs = z.number().int().nonnegative();

export const modelUsageSchema = z.object({
  model: z.string().min(1).max(256),
  provider: z.string().max(128).nullish(),
  calls: z.number().int().nonnegative(),
  input_tokens: tokens,
  output_tokens: tokens,
  cache_write_tokens: tokens,
  cache_read_tokens: tokens,
  reasoning_tokens: tokens.default(0),
  /** A cost the agent itself computed (Pi, OpenCode), in USD; null when unknown. */
  cost_usd: z.number().nonnegative().nullish(),
});

export const agentTurnSchema = z
  .object({
    started_at: timeMs,
    ended_at: timeMs,
    prompt_chars: z.number().int().nonnegative().nullish(),
    /** Per-model usage of this turn; when turns carry usage it must add up to the session's `models`. */
    models: z.array(modelUsageSchema).max(LIMITS.agentModels).nullish(),
  })
  .refine((turn) => turn.ended_at >= turn.started_at, {
    message: 'ended_at must not be before started_at',
    path: ['ended_at'],
  });

export const toolUsageSchema = z.object({
  name: z.string().min(1).max(256),
  calls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative().default(0),
  duration_ms: z.number().int().nonnegative().default(0),
});

export const fileActivitySchema = z
  .object({
    /** Path relative to the project root, or null when only the keyed hash is sent. */
    path: z.string().max(LIMITS.entityLength).nullish(),
    path_hash: z.string().max(128).nullish(),
    language: z.string().max(LIMITS.nameLength).nullish(),
    kind: z.string().max(32).nullish(),
    reads: z.number().int().nonnegative().default(0),
    writes: z.number().int().nonnegative().default(0),
    lines_added: z.number().int().nonnegative().default(0),
    lines_removed: z.number().int().nonnegative().default(0),
  })
  .refine((file) => Boolean(file.path || file.path_hash), { message: 'a file needs path or path_hash' });

export const agentSessionRollupSchema = z
  .object({
    schema_version: z.literal(AGENT_SESSION_SCHEMA_VERSION),
    agent: toolIdSchema,
    session_id: z.string().min(1).max(256),
    machine_id: z.string().max(128).nullish(),
    project: z.string().max(LIMITS.nameLength).nullish(),
    cwd_hash: z.string().max(128).nullish(),
    branch: z.string().max(LIMITS.branchLength).nullish(),
    agent_version: z.string().max(64).nullish(),
    started_at: timeMs,
    ended_at: timeMs,
    turns: z.array(agentTurnSchema).max(LIMITS.agentTurns),
    models: z.array(modelUsageSchema).max(LIMITS.agentModels),
    tools: z.array(toolUsageSchema).max(LIMITS.agentTools).default([]),
    files: z.array(fileActivitySchema).max(LIMITS.agentFiles).default([]),
  })
  .superRefine((rollup, ctx) => {
    if (rollup.ended_at < rollup.started_at) {
      ctx.addIssue({ code: 'custom', path: ['ended_at'], message: 'ended_at must not be before started_at' });
    }
    rollup.turns.forEach((turn, index) => {
      if (turn.started_at < rollup.started_at || turn.ended_at > rollup.ended_at) {
        ctx.addIssue({
          code: 'custom',
          path: ['turns', index],
          message: 'turn lies outside the session (started_at..ended_at)',
        });
      }
    });
    const turnsWithUsage = rollup.turns.filter((turn) => turn.models);
    if (turnsWithUsage.length > 0) {
      const mismatch = firstUsageMismatch(
        rollup.models,
        turnsWithUsage.flatMap((turn) => turn.models ?? []),
      );
      if (mismatch) ctx.addIssue({ code: 'custom', path: ['turns'], message: mismatch });
    }
  });

export type ModelUsage = z.output<typeof modelUsageSchema>;
export type AgentTurn = z.output<typeof agentTurnSchema>;
export type ToolUsage = z.output<typeof toolUsageSchema>;
export type FileActivity = z.output<typeof fileActivitySchema>;
export type AgentSessionRollupInput = z.input<typeof agentSessionRollupSchema>;
export type AgentSessionRollup = z.output<typeof agentSessionRollupSchema>;

const TOKEN_FIELDS = [
  'calls',
  'input_tokens',
  'output_tokens',
  'cache_write_tokens',
  'cache_read_tokens',
  'reasoning_tokens',
] as const;

/** Turn-level usage must sum to the session totals per model, or the upload is inconsistent. */
function firstUsageMismatch(sessionModels: ModelUsage[], turnModels: ModelUsage[]): string | null {
  const sums = new Map<string, Record<(typeof TOKEN_FIELDS)[number], number>>();
  for (const usage of turnModels) {
    const sum = sums.get(usage.model) ?? Object.fromEntries(TOKEN_FIELDS.map((field) => [field, 0]));
    for (const field of TOKEN_FIELDS) sum[field] = (sum[field] ?? 0) + usage[field];
    sums.set(usage.model, sum as Record<(typeof TOKEN_FIELDS)[number], number>);
  }
  const sessionByModel = new Map(sessionModels.map((usage) => [usage.model, usage]));
  for (const [model, sum] of sums) {
    const total = sessionByModel.get(model);
    if (!total) return `turns use model "${model}" which is missing from models`;
    for (const field of TOKEN_FIELDS) {
      if (sum[field] !== total[field]) {
        return `turn usage for "${model}" ${field} sums to ${sum[field]} but models says ${total[field]}`;
      }
    }
  }
  return null;
}

export interface AgentSessionUploadResponse {
  results: Array<
    | { index: number; session_id: string; status: 'created' | 'updated' | 'unchanged' }
    | { index: number; status: 'rejected'; error: { code: 'validation_failed'; message: string } }
  >;
}

/** `POST /api/agent/sessions` takes one rollup or `{ sessions: [...] }`. */
export const agentSessionUploadSchema = z.object({
  sessions: z.array(z.unknown()).min(1).max(500),
});
