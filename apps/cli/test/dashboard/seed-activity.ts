import { randomUUID } from 'node:crypto';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const MACHINE = { id: randomUUID(), name: 'ci-laptop' };
export const PROJECTS = ['shop-api', 'devtime.io', 'notes app'] as const;

interface Heartbeat {
  tool: string;
  timestamp: number;
  project: string;
  language: string;
  branch: string;
  file: string;
  is_write?: boolean;
}

/**
 * Ten days of an ordinary developer, ending an hour before now: VS Code in two blocks a day (one project
 * each), Neovim on some afternoons in parallel, heartbeats every two minutes while typing.
 */
export function editorHeartbeats(nowMs: number): Heartbeat[] {
  const heartbeats: Heartbeat[] = [];
  const block = (tool: string, startMs: number, minutes: number, project: string, language: string) => {
    for (let m = 0; m <= minutes; m += 2) {
      const timestamp = startMs + m * MINUTE_MS;
      if (timestamp > nowMs - 5 * MINUTE_MS) return;
      heartbeats.push({
        tool,
        timestamp,
        project,
        language,
        branch: m % 40 < 30 ? 'main' : 'feature/checkout',
        file: `src/${language.toLowerCase()}/file-${m % 7}.${language === 'Go' ? 'go' : 'ts'}`,
        is_write: m % 10 === 0,
      });
    }
  };
  for (let day = 9; day >= 0; day--) {
    const base = nowMs - day * DAY_MS;
    block('vscode', base - 6 * HOUR_MS, 150, PROJECTS[day % 2]!, day % 2 ? 'Go' : 'TypeScript');
    block('vscode', base - 3 * HOUR_MS, 90, PROJECTS[2], 'Markdown');
    if (day % 3 === 0) block('neovim', base - 2.5 * HOUR_MS, 60, PROJECTS[0], 'Go');
  }
  return heartbeats;
}

/** Claude Code and Codex sessions shaped like the adapters' rollups (schema v1), one on most days. */
export function agentSessions(nowMs: number): unknown[] {
  const sessions: unknown[] = [];
  for (let day = 8; day >= 0; day -= 2) {
    const start = nowMs - day * DAY_MS - 5 * HOUR_MS;
    const agent = day % 4 === 0 ? 'claude' : 'codex';
    const model = agent === 'claude' ? 'claude-sonnet-4-5-20250929' : 'gpt-5-codex';
    const turns = [0, 1, 2].map((t) => ({
      started_at: start + t * 12 * MINUTE_MS,
      ended_at: start + t * 12 * MINUTE_MS + 9 * MINUTE_MS,
      prompt_chars: 80 + t * 40,
    }));
    sessions.push({
      schema_version: 1,
      agent,
      session_id: randomUUID(),
      machine_id: MACHINE.id,
      project: PROJECTS[0],
      branch: 'main',
      agent_version: agent === 'claude' ? '2.1.330' : '0.169.0',
      started_at: start,
      ended_at: turns.at(-1)!.ended_at,
      turns,
      models: [
        {
          model,
          calls: 14,
          input_tokens: 42_000 + day * 1000,
          output_tokens: 9_500,
          cache_write_tokens: 20_000,
          cache_read_tokens: 310_000,
          reasoning_tokens: 1_200,
        },
      ],
      tools: [
        { name: 'Read', calls: 9, failures: 0, duration_ms: 1_400 },
        { name: 'Edit', calls: 4, failures: 1, duration_ms: 900 },
        { name: 'Bash', calls: 3, failures: 0, duration_ms: 48_000 },
      ],
      files: [
        {
          path: 'src/checkout/cart.go',
          language: 'Go',
          reads: 3,
          writes: 2,
          lines_added: 41,
          lines_removed: 7,
        },
        {
          path: 'src/checkout/cart_test.go',
          language: 'Go',
          reads: 1,
          writes: 1,
          lines_added: 63,
          lines_removed: 0,
        },
      ],
    });
  }
  return sessions;
}
