import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface StoredHeartbeat {
  time_ms: number;
  entity: string | null;
  project: string | null;
  language: string | null;
  branch: string | null;
  category: string;
  is_write: number;
  lines: number | null;
  lineno: number | null;
  editor: string | null;
  plugin: string | null;
  machine_id: string | null;
}

/** What the server stored: every VS Code heartbeat row of its SQLite database, oldest first. */
export function readStoredHeartbeats(dataDir: string): StoredHeartbeat[] {
  const db = new DatabaseSync(join(dataDir, 'devtime.sqlite'));
  try {
    return db
      .prepare(
        `select time_ms, entity, project, language, branch, category, is_write, lines, lineno, editor, plugin,
                machine_id
           from heartbeats where tool = 'vscode' order by time_ms`,
      )
      .all() as unknown as StoredHeartbeat[];
  } finally {
    db.close();
  }
}

/** Every row of every table as text, to prove no typed content reached the database. */
export function dumpDatabase(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, 'devtime.sqlite'));
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{
      name: string;
    }>;
    return tables.map(({ name }) => JSON.stringify(db.prepare(`select * from "${name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}
