/**
 * How an agent turn becomes an activity event of its agent's tool. A turn's duration is clipped so one
 * runaway turn (a session left open over a weekend) cannot claim days, and so duration maintenance can
 * bound how far back it must look for a turn still running at some instant.
 */
export const AGENT_TURN_MAX_MS = 12 * 3_600_000;
export const AGENT_TURN_CATEGORY = 'ai coding';

export function agentTurnDurationMs(startedAtMs: number, endedAtMs: number): number {
  return Math.min(Math.max(0, endedAtMs - startedAtMs), AGENT_TURN_MAX_MS);
}
