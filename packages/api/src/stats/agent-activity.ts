import { dayBuckets, type PriceTable } from '@devtime/core';
import type { AgentSessionRollup } from '@devtime/protocol';
import type { AgentUsageRow } from '@devtime/storage';
import type {
  AgentActivityDay,
  AgentActivityResponse,
  AgentFileFigures,
  AgentToolFigures,
  UsageFigures,
} from '../dashboard-api.ts';
import { aggregateUsage } from './aggregate-usage.ts';

/** The dashboard lists the files agents touched most; a long tail adds bytes, not insight. */
const MAX_FILES = 200;

export interface AgentActivityInput {
  fromMs: number;
  toMs: number;
  timeZone: string;
  usage: readonly AgentUsageRow[];
  rollups: readonly AgentSessionRollup[];
  prices: PriceTable;
}

/**
 * Agent activity of a range: tokens and cost per local day by model and agent (priced exactly as
 * `GET /api/stats` prices them, so the days add up to its `agents` totals), prompts per day, and tool
 * calls, files and lines summed over the sessions overlapping the range.
 */
export function buildAgentActivity(input: AgentActivityInput): Omit<AgentActivityResponse, 'range'> {
  const days = dayBuckets(input.fromMs, input.toMs, input.timeZone);
  const usageByDay = days.map((): AgentUsageRow[] => []);
  const promptsByDay = days.map(() => 0);
  const dayIndexOf = (atMs: number) => {
    // Binary search: a year is 365 buckets and a busy year has tens of thousands of usage rows.
    let low = 0;
    let high = days.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const day = days[mid]!;
      if (atMs < day.startMs) high = mid - 1;
      else if (atMs >= day.endMs) low = mid + 1;
      else return mid;
    }
    return -1;
  };
  for (const row of input.usage) {
    const index = dayIndexOf(row.atMs);
    if (index >= 0) usageByDay[index]!.push(row);
  }
  for (const rollup of input.rollups) {
    for (const turn of rollup.turns) {
      if (turn.prompt_chars == null) continue;
      const index = dayIndexOf(turn.started_at);
      if (index >= 0) promptsByDay[index]! += 1;
    }
  }
  const byDay: AgentActivityDay[] = days.map((day, index) => {
    const agents = aggregateUsage(usageByDay[index]!, { sessions: 0, prompts: 0 }, input.prices);
    return {
      date: day.date,
      by_model: figures(agents.by_model),
      by_agent: figures(agents.by_agent),
      prompts: promptsByDay[index]!,
    };
  });
  return { by_day: byDay, ...sumSessions(input.rollups) };
}

function figures(record: Record<string, { total_tokens: number; cost_usd: number | null }>) {
  const out: Record<string, UsageFigures> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = { total_tokens: value.total_tokens, cost_usd: value.cost_usd };
  }
  return out;
}

function sumSessions(rollups: readonly AgentSessionRollup[]) {
  const tools = new Map<string, AgentToolFigures>();
  const files = new Map<string, AgentFileFigures>();
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const rollup of rollups) {
    for (const tool of rollup.tools) {
      const sum = tools.get(tool.name) ?? { name: tool.name, calls: 0, failures: 0, duration_ms: 0 };
      sum.calls += tool.calls;
      sum.failures += tool.failures;
      sum.duration_ms += tool.duration_ms;
      tools.set(tool.name, sum);
    }
    for (const file of rollup.files) {
      const path = file.path ?? file.path_hash ?? '';
      const project = rollup.project ?? null;
      const key = `${project ?? ''}\u0000${path}`;
      const sum = files.get(key) ?? {
        path,
        project,
        language: file.language ?? null,
        sessions: 0,
        reads: 0,
        writes: 0,
        lines_added: 0,
        lines_removed: 0,
      };
      sum.sessions += 1;
      sum.reads += file.reads;
      sum.writes += file.writes;
      sum.lines_added += file.lines_added;
      sum.lines_removed += file.lines_removed;
      files.set(key, sum);
      linesAdded += file.lines_added;
      linesRemoved += file.lines_removed;
    }
  }
  const changed = (f: AgentFileFigures) => f.lines_added + f.lines_removed;
  return {
    tools: [...tools.values()].sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name)),
    files: [...files.values()]
      .sort((a, b) => changed(b) - changed(a) || b.reads + b.writes - (a.reads + a.writes))
      .slice(0, MAX_FILES),
    lines_added: linesAdded,
    lines_removed: linesRemoved,
  };
}
