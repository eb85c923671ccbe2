import type { StorageDialect } from './dialects/dialect.ts';
import type { MachineInput, MachineRecord } from './store.ts';

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

export async function listMachines(dialect: StorageDialect, userId: string): Promise<MachineRecord[]> {
  const rows = await dialect.db
    .selectFrom('machines')
    .select(['id', 'name', 'hostname', 'os', 'first_seen_ms', 'last_seen_ms'])
    .where('user_id', '=', userId)
    .orderBy('last_seen_ms', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    os: row.os,
    firstSeenMs: row.first_seen_ms,
    lastSeenMs: row.last_seen_ms,
  }));
}
