import { createRandom, pickWeighted } from '../../lib/random.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const PROJECTS = ['shop-api', 'web-app', 'infra', 'mobile', 'data-pipeline', 'docs'];
const AGENTS = [
  { agent: 'claude', models: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5'], weight: 3 },
  { agent: 'codex', models: ['gpt-5-codex', 'gpt-5.5'], weight: 2 },
];
const TOOLS = ['Read', 'Edit', 'Bash', 'Grep', 'Write', 'WebFetch'];

/**
 * `count` agent session rollups (schema v1) spread over the `days` days before `endMs`, on working hours:
 * 2–12 turns of 1–15 minutes, per-model usage of a busy session, tool calls and edited files. The shapes
 * follow what the Claude Code and Codex adapters upload. Pass a UTC midnight as `endMs`: the last
 * session then ends before it (at most ~17 h + 12 turns after its day starts), never in the future.
 */
export function generateAgentSessions(
  count: number,
  options: { endMs: number; days: number; seed?: number },
) {
  const random = createRandom(options.seed ?? 7);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const sessions = [];
  for (let i = 0; i < count; i++) {
    const day = Math.floor((i / count) * options.days);
    const dayStart = options.endMs - (options.days - day) * DAY_MS;
    const startedAt = Math.floor(dayStart / MINUTE_MS) * MINUTE_MS + int(9 * 60, 17 * 60) * MINUTE_MS;
    const spec = pickWeighted(random, AGENTS, (a) => a.weight);
    const turns = [];
    let at = startedAt;
    for (let t = int(2, 12); t > 0; t--) {
      const length = int(1, 15) * MINUTE_MS;
      turns.push({ started_at: at, ended_at: at + length, prompt_chars: int(20, 2_000) });
      at += length + int(0, 5) * MINUTE_MS;
    }
    const endedAt = turns.at(-1)!.ended_at;
    const project = PROJECTS[int(0, PROJECTS.length - 1)]!;
    sessions.push({
      schema_version: 1,
      agent: spec.agent,
      session_id: `bench-${spec.agent}-${i}`,
      project,
      branch: random() < 0.7 ? 'main' : `feature/${i % 17}`,
      agent_version: spec.agent === 'claude' ? '2.1.330' : '0.169.0',
      started_at: startedAt,
      ended_at: endedAt,
      turns,
      models: spec.models.slice(0, int(1, 2)).map((model) => ({
        model,
        calls: int(5, 60),
        input_tokens: int(5_000, 200_000),
        output_tokens: int(1_000, 40_000),
        cache_write_tokens: int(0, 100_000),
        cache_read_tokens: int(50_000, 2_000_000),
        reasoning_tokens: 0,
      })),
      tools: TOOLS.slice(0, int(2, TOOLS.length)).map((name) => ({
        name,
        calls: int(1, 30),
        failures: int(0, 2),
        duration_ms: int(100, 120_000),
      })),
      files: Array.from({ length: int(1, 6) }, (_, f) => ({
        path: `src/${project}/module-${f}.ts`,
        language: 'TypeScript',
        reads: int(1, 10),
        writes: int(0, 5),
        lines_added: int(0, 200),
        lines_removed: int(0, 80),
      })),
    });
  }
  return sessions;
}
