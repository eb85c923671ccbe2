import type { ActivityEvent, DurationInterval } from './activity.ts';
import { computeToolDurations } from './tool-durations.ts';

/**
 * Intervals for events of any number of tools. Tools are joined independently (an editor heartbeat never
 * fills a gap in an agent's activity), so intervals of different tools may overlap; `summarize` unions them.
 * Sorted by (startMs, tool); within one tool they are disjoint.
 */
export function computeDurations(
  events: readonly ActivityEvent[],
  options: { timeoutMs: number },
): DurationInterval[] {
  const byTool = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    const list = byTool.get(event.dims.tool);
    if (list) list.push(event);
    else byTool.set(event.dims.tool, [event]);
  }
  const out: DurationInterval[] = [];
  for (const toolEvents of byTool.values()) {
    for (const interval of computeToolDurations(toolEvents, options)) out.push(interval);
  }
  return out.sort(compareByStartThenTool);
}

function compareByStartThenTool(a: DurationInterval, b: DurationInterval): number {
  if (a.startMs !== b.startMs) return a.startMs - b.startMs;
  return a.dims.tool < b.dims.tool ? -1 : a.dims.tool > b.dims.tool ? 1 : 0;
}
