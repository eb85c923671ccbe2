/**
 * Measures the storage hot paths: heartbeat insert rate (1,000-row calls), the statements one append
 * flush runs, and a year's durations read.
 *
 *   node packages/storage/bench/storage-bench.ts [sqlite|postgres] [rows]
 *
 * Postgres uses DEVTIME_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and a
 * throw-away schema.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINUTE_MS } from '@devtime/core';
import pg from 'pg';
import type { StorageDialect } from '../src/dialects/dialect.ts';
import { openPostgres } from '../src/dialects/postgres.ts';
import { openSqlite } from '../src/dialects/sqlite.ts';
import { createSqlStore } from '../src/sql-store.ts';
import type { HeartbeatRow } from '../src/store.ts';
import { heartbeat, newUser } from '../src/store-fixtures.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const totalRows = Number(process.argv[3] ?? 300_000);
const batchRows = 1_000;
const databaseUrl = process.env.DEVTIME_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let statements: string[] = [];
const debug = { onQuery: (sql: string) => statements.push(sql) };
const directory = mkdtempSync(join(tmpdir(), 'devtime-bench-'));
const schema = `devtime_bench_${randomUUID().replaceAll('-', '')}`;
const dialect: StorageDialect =
  kind === 'postgres'
    ? await openPostgres(databaseUrl, schema, debug)
    : openSqlite(join(directory, 'bench.sqlite'), debug);
const store = createSqlStore(dialect);

try {
  await store.migrate();
  const user = await store.createUser(newUser());

  // Realistic rows: a heartbeat every ~30 s, a handful of files and projects, real-looking hashes.
  const startMs = Date.UTC(2024, 0, 1);
  const rows: HeartbeatRow[] = [];
  for (let i = 0; i < totalRows; i++) {
    rows.push(
      heartbeat(startMs + i * 30_000, {
        entity: `/home/dev/src/project-${i % 7}/src/module-${i % 53}/file-${i % 211}.ts`,
        project: `project-${Math.floor(i / 100) % 7}`,
        lineno: i % 500,
        cursorpos: i % 5000,
      }),
    );
  }

  const insertStartedMs = performance.now();
  const insertCpu = process.cpuUsage();
  for (let start = 0; start < rows.length; start += batchRows) {
    await store.insertHeartbeats(user.id, rows.slice(start, start + batchRows));
  }
  const insertSeconds = (performance.now() - insertStartedMs) / 1000;
  const { user: userMicros, system: systemMicros } = process.cpuUsage(insertCpu);
  console.log(
    `${kind}: inserted ${totalRows} heartbeats in ${batchRows}-row calls: ` +
      `${Math.round(totalRows / insertSeconds).toLocaleString('en')} rows/s ` +
      `(${Math.round(totalRows / ((userMicros + systemMicros) / 1e6)).toLocaleString('en')} rows per CPU-second ` +
      `of this process; load average ${loadavg()[0]?.toFixed(1)})`,
  );

  const dupStartedMs = performance.now();
  for (let start = 0; start < 100_000 && start < rows.length; start += batchRows) {
    await store.insertHeartbeats(user.id, rows.slice(start, start + batchRows));
  }
  const dupRows = Math.min(100_000, rows.length);
  console.log(
    `${kind}: re-sent ${dupRows} duplicates: ` +
      `${Math.round(dupRows / ((performance.now() - dupStartedMs) / 1000)).toLocaleString('en')} rows/s`,
  );

  let flushStartedMs = performance.now();
  await store.flushDurations(user.id);
  console.log(
    `${kind}: first flush over ${totalRows} heartbeats: ${Math.round(performance.now() - flushStartedMs)} ms`,
  );

  // The append case: one new heartbeat after the latest one.
  const lastMs = startMs + (totalRows - 1) * 30_000;
  const project = `project-${Math.floor((totalRows - 1) / 100) % 7}`;
  await store.insertHeartbeats(user.id, [heartbeat(lastMs + MINUTE_MS, { project })]);
  statements = [];
  flushStartedMs = performance.now();
  await store.flushDurations(user.id);
  const appendMs = performance.now() - flushStartedMs;
  console.log(`${kind}: append flush: ${statements.length} statements, ${appendMs.toFixed(2)} ms`);
  for (const statement of statements) console.log(`    ${statement.replace(/\s+/g, ' ').slice(0, 150)}`);

  // A year of durations: ~20k stored rows (a few intervals per day per tool).
  const yearUser = await store.createUser(newUser({ timeoutMs: 15 * MINUTE_MS }));
  const yearRows: HeartbeatRow[] = [];
  for (let day = 0; day < 365; day++) {
    for (let interval = 0; interval < 55; interval++) {
      const atMs = startMs + day * 86_400_000 + interval * 20 * MINUTE_MS;
      yearRows.push(
        heartbeat(atMs, { project: `p${interval % 3}` }),
        heartbeat(atMs + 5 * MINUTE_MS, { project: `p${interval % 3}` }),
      );
    }
  }
  for (let start = 0; start < yearRows.length; start += batchRows) {
    await store.insertHeartbeats(yearUser.id, yearRows.slice(start, start + batchRows));
  }
  await store.flushDurations(yearUser.id);
  const yearQuery = { fromMs: startMs, toMs: startMs + 366 * 86_400_000 };
  let intervals = await store.readDurations(yearUser.id, yearQuery);
  const readStartedMs = performance.now();
  const reads = 20;
  for (let i = 0; i < reads; i++) intervals = await store.readDurations(yearUser.id, yearQuery);
  console.log(
    `${kind}: readDurations for a year: ${intervals.length} rows in ` +
      `${((performance.now() - readStartedMs) / reads).toFixed(1)} ms`,
  );

  const rebuildStartedMs = performance.now();
  await store.rebuildDurations(user.id);
  console.log(
    `${kind}: rebuild of ${totalRows} heartbeats: ${Math.round(performance.now() - rebuildStartedMs)} ms`,
  );
} finally {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}
