import type { StorageDialect } from './dialects/dialect.ts';
import { markDirty, type TimeSpan, widenSpan } from './dirty-ranges.ts';
import type { MachineDeletion, MachineInput, MachineRecord } from './store.ts';

/**
 * Records a machine sighting. Fields left undefined keep their stored value; `seenAtMs` widens the
 * first/last-seen span, so sightings arriving out of order are harmless.
 */
export async function upsertMachine(
  dialect: StorageDialect,
  userId: string,
  machine: MachineInput,
): Promise<void> {
  const { db } = dialect;
  await db
    .insertInto('machines')
    .values({
      user_id: userId,
      id: machine.id,
      name: machine.name ?? null,
      hostname: machine.hostname ?? null,
      os: machine.os ?? null,
      first_seen_ms: machine.seenAtMs,
      last_seen_ms: machine.seenAtMs,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'id']).doUpdateSet((eb) => ({
        ...(machine.name !== undefined ? { name: eb.ref('excluded.name') } : {}),
        ...(machine.hostname !== undefined ? { hostname: eb.ref('excluded.hostname') } : {}),
        ...(machine.os !== undefined ? { os: eb.ref('excluded.os') } : {}),
        first_seen_ms: dialect.least(eb.ref('machines.first_seen_ms'), eb.ref('excluded.first_seen_ms')),
        last_seen_ms: dialect.greatest(eb.ref('machines.last_seen_ms'), eb.ref('excluded.last_seen_ms')),
      })),
    )
    .execute();
}

export async function listMachines(
  dialect: StorageDialect,
  userId: string,
  onlyId?: string,
): Promise<MachineRecord[]> {
  let query = dialect.db
    .selectFrom('machines')
    .select(['id', 'name', 'hostname', 'os', 'first_seen_ms', 'last_seen_ms'])
    .where('user_id', '=', userId);
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const rows = await query.orderBy('last_seen_ms', 'desc').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    os: row.os,
    firstSeenMs: row.first_seen_ms,
    lastSeenMs: row.last_seen_ms,
  }));
}

/**
 * Sets the machine's display name (null clears it). Ingest only ever writes hostname and os, so a name
 * chosen here survives later sightings. Null when the user has no machine with this id.
 */
export async function renameMachine(
  dialect: StorageDialect,
  userId: string,
  machineId: string,
  name: string | null,
): Promise<MachineRecord | null> {
  const result = await dialect.db
    .updateTable('machines')
    .set({ name })
    .where('user_id', '=', userId)
    .where('id', '=', machineId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return null;
  return (await listMachines(dialect, userId, machineId))[0] ?? null;
}

/**
 * Forgets a machine and, with `purgeAgentSessions`, deletes the agent sessions uploaded from it (their
 * turns, usage, tools and files go with them) and marks the agents' spans dirty so the durations they
 * produced are recomputed. Heartbeats keep their `machine_id`: they are the user's activity whatever
 * machine sent it, and a machine that reports again simply reappears.
 */
export async function deleteMachine(
  dialect: StorageDialect,
  userId: string,
  machineId: string,
  options: { purgeAgentSessions: boolean },
): Promise<MachineDeletion> {
  return dialect.writeTransaction(async (trx) => {
    let agentSessions = 0;
    if (options.purgeAgentSessions) {
      // The same lock as an upload, so a concurrent upload of one of these sessions cannot interleave.
      await dialect.lockUser(trx, userId, 'agent-sessions');
      const sessions = await trx
        .selectFrom('agent_sessions')
        .select(['agent', 'started_at_ms', 'ended_at_ms'])
        .where('user_id', '=', userId)
        .where('machine_id', '=', machineId)
        .execute();
      if (sessions.length > 0) {
        // Child rows go with the sessions (ON DELETE CASCADE).
        await trx
          .deleteFrom('agent_sessions')
          .where('user_id', '=', userId)
          .where('machine_id', '=', machineId)
          .execute();
        const spans = new Map<string, TimeSpan>();
        for (const session of sessions) {
          widenSpan(spans, session.agent, session.started_at_ms, session.ended_at_ms);
        }
        await markDirty(dialect, trx, userId, spans);
      }
      agentSessions = sessions.length;
    }
    const result = await trx
      .deleteFrom('machines')
      .where('user_id', '=', userId)
      .where('id', '=', machineId)
      .executeTakeFirst();
    return { machine: result.numDeletedRows > 0n, agentSessions };
  });
}
