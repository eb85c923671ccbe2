import { createHash } from 'node:crypto';
import type { PrivacyFilter } from '@devtime/agents';
import type { AgentSessionRollupInput } from '@devtime/protocol';

/** The rollup exactly as it will be sent: privacy applied and this machine stamped; null when excluded. */
export function prepareRollup(
  rollup: AgentSessionRollupInput,
  privacy: PrivacyFilter,
  machineId: string,
): AgentSessionRollupInput | null {
  const shared = privacy.apply(rollup);
  return shared ? { ...shared, machine_id: machineId } : null;
}

/** Identifies what was last sent for a session, so an unchanged session is not uploaded again. */
export function rollupHash(rollup: AgentSessionRollupInput | null): string {
  return createHash('sha256')
    .update(rollup ? JSON.stringify(rollup) : 'excluded')
    .digest('hex');
}
