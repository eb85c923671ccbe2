import type { AgentSessionRollup } from '@devtime/protocol';
import type { AgentSessionSummary } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';

/** The stored rollup of each listed session, in list order (one deleted meanwhile is left out). */
export async function readRollups(
  deps: ApiDeps,
  userId: string,
  sessions: readonly AgentSessionSummary[],
): Promise<AgentSessionRollup[]> {
  const rollups: AgentSessionRollup[] = [];
  for (const session of sessions) {
    const rollup = await deps.store.getAgentSession(userId, session.agent, session.sessionId);
    if (rollup) rollups.push(rollup);
  }
  return rollups;
}
