export interface TimelineSession {
  tool: string;
  project: string | null;
  start: string;
  end: string;
  duration_seconds: number;
  event_count: number;
  agent_session_ids: string[];
}

export interface LaneItem {
  session: TimelineSession;
  /** Position in the range, percent of its width. */
  leftPercent: number;
  widthPercent: number;
}

export interface Lane {
  tool: string;
  totalSeconds: number;
  items: LaneItem[];
}

/** A session shorter than this share of the range would be invisible; it is drawn this wide. */
const MIN_WIDTH_PERCENT = 0.25;

/**
 * Sessions of `GET /api/sessions` as one lane per tool (busiest first), each session placed by its
 * start and end inside the range [fromMs, toMs).
 */
export function timelineLanes(sessions: readonly TimelineSession[], fromMs: number, toMs: number): Lane[] {
  const span = toMs - fromMs;
  const lanes = new Map<string, Lane>();
  for (const session of sessions) {
    const startMs = Math.max(Date.parse(session.start), fromMs);
    const endMs = Math.min(Date.parse(session.end), toMs);
    if (!(endMs > startMs) || span <= 0) continue;
    const lane = lanes.get(session.tool) ?? { tool: session.tool, totalSeconds: 0, items: [] };
    lane.totalSeconds += session.duration_seconds;
    const leftPercent = ((startMs - fromMs) / span) * 100;
    lane.items.push({
      session,
      leftPercent,
      widthPercent: Math.min(
        100 - leftPercent,
        Math.max(MIN_WIDTH_PERCENT, ((endMs - startMs) / span) * 100),
      ),
    });
    lanes.set(session.tool, lane);
  }
  return [...lanes.values()].sort((a, b) => b.totalSeconds - a.totalSeconds || a.tool.localeCompare(b.tool));
}

/** Tick marks for the axis: every `stepMs` from the range start, as percents with their instants. */
export function timelineTicks(
  fromMs: number,
  toMs: number,
  count: number,
): Array<{ atMs: number; percent: number }> {
  const span = toMs - fromMs;
  if (span <= 0 || count < 1) return [];
  return Array.from({ length: count + 1 }, (_, i) => ({
    atMs: fromMs + (span * i) / count,
    percent: (100 * i) / count,
  }));
}
