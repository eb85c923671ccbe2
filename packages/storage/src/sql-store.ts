import { Migrator } from 'kysely/migration';
import { getAgentSession, listAgentSessions, readAgentUsage } from './agent-reads.ts';
import { upsertAgentSession } from './agent-sessions.ts';
import { createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey, touchApiKey } from './api-keys.ts';
import type { StorageDialect } from './dialects/dialect.ts';
import { DimensionSetCache } from './durations/dimension-sets.ts';
import { flushDurations } from './durations/flush.ts';
import { readDurations } from './durations/read-durations.ts';
import { rebuildDurations } from './durations/rebuild.ts';
import { WINDOW_EVENT_LIMIT } from './durations/recompute-span.ts';
import { listHeartbeatFiles } from './heartbeat-files.ts';
import { readHeartbeatPage } from './heartbeat-pages.ts';
import { insertHeartbeats } from './heartbeats.ts';
import { deleteMachine, listMachines, renameMachine, upsertMachine } from './machines.ts';
import { migrationProvider } from './migrations/provider.ts';
import { readEvents } from './read-events.ts';
import type { Store } from './store.ts';
import { createUser, deleteUser, getUserById, getUserByUsername, listUsers, updateUser } from './users.ts';
import { createWebSession, deleteWebSession, findWebSession } from './web-sessions.ts';

/** The Store over a dialect: every method is a dialect-free module function. */
export function createSqlStore(
  dialect: StorageDialect,
  options: { windowEventLimit?: number | undefined } = {},
): Store {
  const { db } = dialect;
  const dimensionSets = new DimensionSetCache();
  const maintenance = {
    dialect,
    windowEventLimit: options.windowEventLimit ?? WINDOW_EVENT_LIMIT,
    dimensionSets,
  };
  return {
    dialect: dialect.name,
    migrate: async () => {
      const migrator = new Migrator({
        db,
        provider: migrationProvider(dialect.schema),
        ...(dialect.migrationTableSchema !== undefined
          ? { migrationTableSchema: dialect.migrationTableSchema }
          : {}),
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((result) => result.status === 'Error')?.migrationName;
        throw new Error(`database migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
      }
    },
    close: () => dialect.close(),

    createUser: (input) => createUser(db, input),
    getUserById: (id) => getUserById(db, id),
    getUserByUsername: (username) => getUserByUsername(db, username),
    listUsers: () => listUsers(db),
    deleteUser: (id) => deleteUser(dialect, id),
    updateUser: (id, patch) => updateUser(db, id, patch),

    createApiKey: (input) => createApiKey(db, input),
    findApiKeyByHash: (keyHash) => findApiKeyByHash(db, keyHash),
    listApiKeys: (userId) => listApiKeys(db, userId),
    revokeApiKey: (userId, keyId) => revokeApiKey(db, userId, keyId, Date.now()),
    touchApiKey: (keyId, usedAtMs) => touchApiKey(db, keyId, usedAtMs),

    createWebSession: (input) => createWebSession(db, input),
    findWebSession: (idHash, nowMs) => findWebSession(db, idHash, nowMs),
    deleteWebSession: (idHash) => deleteWebSession(db, idHash),

    upsertMachine: (userId, machine) => upsertMachine(dialect, userId, machine),
    listMachines: (userId) => listMachines(dialect, userId),
    renameMachine: (userId, machineId, name) => renameMachine(dialect, userId, machineId, name),
    deleteMachine: (userId, machineId, options) => deleteMachine(dialect, userId, machineId, options),

    insertHeartbeats: (userId, rows) => insertHeartbeats(dialect, userId, rows),
    upsertAgentSession: (userId, rollup, contentHash, receivedAtMs) =>
      upsertAgentSession(dialect, userId, rollup, contentHash, receivedAtMs),

    flushDurations: (userId) => flushDurations(maintenance, userId),
    rebuildDurations: (userId) => rebuildDurations(maintenance, userId),
    readDurations: (userId, query) => readDurations(db, dimensionSets, dialect.maxBindParams, userId, query),
    readEvents: (userId, query) => readEvents(db, userId, query),

    listHeartbeatFiles: (userId, query) => listHeartbeatFiles(db, userId, query),
    readHeartbeatPage: (userId, query) => readHeartbeatPage(dialect, userId, query),

    readAgentUsage: (userId, query) => readAgentUsage(dialect, userId, query),
    listAgentSessions: (userId, query) => listAgentSessions(dialect, userId, query),
    getAgentSession: (userId, agent, sessionId) => getAgentSession(dialect, userId, agent, sessionId),
  };
}
