import type { ActivityEvent } from '@devtime/core';
import type { Db } from './database.ts';
import { eventsIn, toolsWithEvents } from './durations/tool-events.ts';
import type { ActivityQuery } from './store.ts';

/**
 * Raw events (non-idle heartbeats and agent turns) starting in [fromMs, toMs), sorted by time. Read tool
 * by tool, because the heartbeats' key is (user, tool, time): a time range is only a range per tool.
 */
export async function readEvents(db: Db, userId: string, query: ActivityQuery): Promise<ActivityEvent[]> {
  const tools = query.tool !== undefined ? [query.tool] : await toolsWithEvents(db, userId);
  const events: ActivityEvent[] = [];
  for (const tool of tools) {
    for (const event of await eventsIn(db, userId, tool, { fromMs: query.fromMs, toMs: query.toMs })) {
      if (query.project === undefined || event.dims.project === query.project) events.push(event);
    }
  }
  return events.sort((a, b) => a.timeMs - b.timeMs);
}
