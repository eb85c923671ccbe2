import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from '../dialects/dialect.ts';

/**
 * The first schema. Times are BIGINT Unix milliseconds; ids are text UUIDs. Every table but heartbeats
 * hangs off `users` with ON DELETE CASCADE (directly or through `agent_sessions`).
 */
export function initialMigration(dialect: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('time_zone', 'text', (col) => col.notNull())
        .addColumn('timeout_ms', 'bigint', (col) => col.notNull())
        .addColumn('is_admin', 'boolean', (col) => col.notNull())
        .addColumn('created_at_ms', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('key_hash', 'text', (col) => col.notNull().unique())
        .addColumn('prefix', 'text', (col) => col.notNull())
        .addColumn('read_only', 'boolean', (col) => col.notNull())
        .addColumn('created_at_ms', 'bigint', (col) => col.notNull())
        .addColumn('last_used_at_ms', 'bigint')
        .addColumn('revoked_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

      await db.schema
        .createTable('web_sessions')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (col) => col.notNull())
        .addColumn('expires_at_ms', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('web_sessions_user').on('web_sessions').column('user_id').execute();

      await db.schema
        .createTable('machines')
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('id', 'text', (col) => col.notNull())
        .addColumn('name', 'text')
        .addColumn('hostname', 'text')
        .addColumn('os', 'text')
        .addColumn('first_seen_ms', 'bigint', (col) => col.notNull())
        .addColumn('last_seen_ms', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('machines_pk', ['user_id', 'id'])
        .execute();

      // The key leads with (user, tool, time): new heartbeats land at the end of the b-tree, and the key is
      // also the index that duration maintenance walks. Dedupe rides on it instead of a random-hash index.
      // No foreign key on this hot path (Postgres checks one per row with a trigger): deleteUser deletes
      // heartbeats itself, and ingest's dirty mark in the same transaction does reference users.
      await dialect
        .clusterByPrimaryKey(
          db.schema
            .createTable('heartbeats')
            .addColumn('user_id', 'text', (col) => col.notNull())
            .addColumn('tool', 'text', (col) => col.notNull())
            .addColumn('time_ms', 'bigint', (col) => col.notNull())
            .addColumn('dedupe_hash', 'text', (col) => col.notNull())
            .addColumn('category', 'text', (col) => col.notNull())
            .addColumn('idle', 'boolean', (col) => col.notNull())
            .addColumn('entity', 'text')
            .addColumn('entity_type', 'text')
            .addColumn('project', 'text')
            .addColumn('project_root_count', 'integer')
            .addColumn('language', 'text')
            .addColumn('branch', 'text')
            .addColumn('machine_id', 'text')
            .addColumn('is_write', 'boolean', (col) => col.notNull())
            .addColumn('lines', 'bigint')
            .addColumn('lineno', 'bigint')
            .addColumn('cursorpos', 'bigint')
            .addColumn('line_additions', 'bigint')
            .addColumn('line_deletions', 'bigint')
            .addColumn('ai_line_changes', 'bigint')
            .addColumn('human_line_changes', 'bigint')
            .addColumn('ai_session', 'text')
            .addColumn('ai_input_tokens', 'bigint')
            .addColumn('ai_output_tokens', 'bigint')
            .addColumn('ai_prompt_length', 'bigint')
            .addColumn('dependencies', dialect.json)
            .addColumn('editor', 'text')
            .addColumn('plugin', 'text')
            .addColumn('os', 'text')
            .addColumn('user_agent', 'text')
            .addColumn('received_at_ms', 'bigint', (col) => col.notNull())
            .addPrimaryKeyConstraint('heartbeats_pk', ['user_id', 'tool', 'time_ms', 'dedupe_hash']),
        )
        .execute();

      await db.schema
        .createTable('agent_sessions')
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('agent', 'text', (col) => col.notNull())
        .addColumn('session_id', 'text', (col) => col.notNull())
        .addColumn('machine_id', 'text')
        .addColumn('project', 'text')
        .addColumn('cwd_hash', 'text')
        .addColumn('branch', 'text')
        .addColumn('agent_version', 'text')
        .addColumn('started_at_ms', 'bigint', (col) => col.notNull())
        .addColumn('ended_at_ms', 'bigint', (col) => col.notNull())
        .addColumn('turn_count', 'integer', (col) => col.notNull())
        .addColumn('prompt_count', 'integer', (col) => col.notNull())
        .addColumn('content_hash', 'text', (col) => col.notNull())
        .addColumn('received_at_ms', 'bigint', (col) => col.notNull())
        // The whole rollup as uploaded, for detail pages that need more than the columns below.
        .addColumn('rollup', dialect.json, (col) => col.notNull())
        .addPrimaryKeyConstraint('agent_sessions_pk', ['user_id', 'agent', 'session_id'])
        .execute();
      await db.schema
        .createIndex('agent_sessions_user_start')
        .on('agent_sessions')
        .columns(['user_id', 'started_at_ms'])
        .execute();

      await dialect
        .clusterByPrimaryKey(
          sessionChild(db, 'agent_turns', 'turn_index')
            .addColumn('started_at_ms', 'bigint', (col) => col.notNull())
            .addColumn('ended_at_ms', 'bigint', (col) => col.notNull())
            .addColumn('duration_ms', 'bigint', (col) => col.notNull())
            .addColumn('prompt_chars', 'bigint')
            .addColumn('project', 'text')
            .addColumn('branch', 'text')
            .addColumn('machine_id', 'text'),
        )
        .execute();
      // Agent turns are activity events of the tool `agent`: duration maintenance reads them by time.
      await db.schema
        .createIndex('agent_turns_user_agent_start')
        .on('agent_turns')
        .columns(['user_id', 'agent', 'started_at_ms'])
        .execute();

      await dialect
        .clusterByPrimaryKey(
          sessionChild(db, 'agent_usage', 'usage_index')
            .addColumn('turn_index', 'integer')
            .addColumn('model', 'text', (col) => col.notNull())
            .addColumn('provider', 'text')
            .addColumn('at_ms', 'bigint', (col) => col.notNull())
            .addColumn('project', 'text')
            .addColumn('calls', 'bigint', (col) => col.notNull())
            .addColumn('input_tokens', 'bigint', (col) => col.notNull())
            .addColumn('output_tokens', 'bigint', (col) => col.notNull())
            .addColumn('cache_write_tokens', 'bigint', (col) => col.notNull())
            .addColumn('cache_read_tokens', 'bigint', (col) => col.notNull())
            .addColumn('reasoning_tokens', 'bigint', (col) => col.notNull())
            .addColumn('cost_usd', 'double precision'),
        )
        .execute();
      await db.schema
        .createIndex('agent_usage_user_at')
        .on('agent_usage')
        .columns(['user_id', 'at_ms'])
        .execute();

      await sessionChild(db, 'agent_tools', 'tool_index')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('calls', 'bigint', (col) => col.notNull())
        .addColumn('failures', 'bigint', (col) => col.notNull())
        .addColumn('duration_ms', 'bigint', (col) => col.notNull())
        .execute();

      await sessionChild(db, 'agent_files', 'file_index')
        .addColumn('path', 'text')
        .addColumn('path_hash', 'text')
        .addColumn('language', 'text')
        .addColumn('kind', 'text')
        .addColumn('reads', 'bigint', (col) => col.notNull())
        .addColumn('writes', 'bigint', (col) => col.notNull())
        .addColumn('lines_added', 'bigint', (col) => col.notNull())
        .addColumn('lines_removed', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('dimension_sets')
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('id', 'bigint', (col) => col.notNull())
        .addColumn('tool', 'text', (col) => col.notNull())
        .addColumn('project', 'text')
        .addColumn('language', 'text')
        .addColumn('category', 'text', (col) => col.notNull())
        .addColumn('branch', 'text')
        .addColumn('machine', 'text')
        .addPrimaryKeyConstraint('dimension_sets_pk', ['user_id', 'id'])
        .execute();

      // Per tool, intervals are disjoint, so (user, start, tool) is a key; leading with start makes the
      // stats read — all tools of a user over a time range — one contiguous range of the key.
      await dialect
        .clusterByPrimaryKey(
          db.schema
            .createTable('durations')
            .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
            .addColumn('tool', 'text', (col) => col.notNull())
            .addColumn('start_ms', 'bigint', (col) => col.notNull())
            .addColumn('end_ms', 'bigint', (col) => col.notNull())
            // Reads resolve dims_id (cached); the dimension columns stay for filters and plain SQL.
            .addColumn('dims_id', 'bigint', (col) => col.notNull())
            .addColumn('project', 'text')
            .addColumn('language', 'text')
            .addColumn('category', 'text', (col) => col.notNull())
            .addColumn('branch', 'text')
            .addColumn('machine', 'text')
            .addColumn('event_count', 'integer', (col) => col.notNull())
            .addPrimaryKeyConstraint('durations_pk', ['user_id', 'start_ms', 'tool'])
            .addForeignKeyConstraint(
              'durations_dims_fk',
              ['user_id', 'dims_id'],
              'dimension_sets',
              ['user_id', 'id'],
              (fk) => fk.onDelete('cascade'),
            ),
        )
        .execute();
      await db.schema
        .createIndex('durations_user_tool_start')
        .on('durations')
        .columns(['user_id', 'tool', 'start_ms'])
        .execute();

      await db.schema
        .createTable('duration_dirty')
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tool', 'text', (col) => col.notNull())
        .addColumn('from_ms', 'bigint', (col) => col.notNull())
        .addColumn('to_ms', 'bigint', (col) => col.notNull())
        .addColumn('revision', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('duration_dirty_pk', ['user_id', 'tool'])
        .execute();
    },
  };
}

/** A table of per-session detail rows, keyed by the session plus a position, deleted with the session. */
function sessionChild(db: Kysely<unknown>, table: string, indexColumn: string) {
  return db.schema
    .createTable(table)
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('agent', 'text', (col) => col.notNull())
    .addColumn('session_id', 'text', (col) => col.notNull())
    .addColumn(indexColumn, 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'agent', 'session_id', indexColumn])
    .addForeignKeyConstraint(
      `${table}_session_fk`,
      ['user_id', 'agent', 'session_id'],
      'agent_sessions',
      ['user_id', 'agent', 'session_id'],
      (fk) => fk.onDelete('cascade'),
    );
}
