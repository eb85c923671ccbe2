import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentId, DedupeIndex, SourceFile } from '@devtime/agents';
import Database from 'better-sqlite3';

export interface FileWatermark {
  sizeBytes: number;
  mtimeMs: number;
  offset: number;
}

export interface DirtySession {
  agent: AgentId;
  sessionKey: string;
  sentHash: string | null;
}

/**
 * What `devtime sync` remembers between runs, in `<data dir>/agents/sync-state.db`: a watermark per
 * history file, each session's fold state (so a run reads only the bytes appended since the last one),
 * the cross-file dedupe keys, and which sessions changed since their last successful upload. A file's
 * watermark, its sessions' states and its dedupe keys are committed in one transaction, so a crash
 * leaves either the old or the new state and the next run resumes from there.
 */
export class SyncState {
  readonly #db: Database.Database;
  readonly #statements;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'agents');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#db = new Database(join(dir, 'sync-state.db'));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, agent TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, offset INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sessions (
        agent TEXT NOT NULL, session_key TEXT NOT NULL, state TEXT NOT NULL,
        dirty INTEGER NOT NULL, sent_hash TEXT, PRIMARY KEY (agent, session_key)
      );
      CREATE INDEX IF NOT EXISTS sessions_dirty ON sessions (dirty) WHERE dirty = 1;
      CREATE TABLE IF NOT EXISTS dedupe (key TEXT PRIMARY KEY, owner TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.#statements = {
      files: this.#db.prepare<[string], { path: string; size: number; mtime_ms: number; offset: number }>(
        'SELECT path, size, mtime_ms, offset FROM files WHERE agent = ?',
      ),
      saveFile: this.#db.prepare(
        'INSERT INTO files (path, agent, size, mtime_ms, offset) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, offset = excluded.offset',
      ),
      session: this.#db.prepare<[string, string], { state: string }>(
        'SELECT state FROM sessions WHERE agent = ? AND session_key = ?',
      ),
      saveSession: this.#db.prepare(
        'INSERT INTO sessions (agent, session_key, state, dirty) VALUES (?, ?, ?, 1) ' +
          'ON CONFLICT (agent, session_key) DO UPDATE SET state = excluded.state, dirty = 1',
      ),
      dirty: this.#db.prepare<[], { agent: AgentId; session_key: string; sent_hash: string | null }>(
        'SELECT agent, session_key, sent_hash FROM sessions WHERE dirty = 1 ORDER BY agent, session_key',
      ),
      markSent: this.#db.prepare(
        'UPDATE sessions SET dirty = 0, sent_hash = ? WHERE agent = ? AND session_key = ?',
      ),
      owner: this.#db.prepare<[string], { owner: string }>('SELECT owner FROM dedupe WHERE key = ?'),
      claim: this.#db.prepare('INSERT OR IGNORE INTO dedupe (key, owner) VALUES (?, ?)'),
    };
  }

  /** Every watermark of an agent in one query (a sync compares thousands of files). */
  watermarks(agent: AgentId): Map<string, FileWatermark> {
    const marks = new Map<string, FileWatermark>();
    for (const row of this.#statements.files.iterate(agent)) {
      marks.set(row.path, { sizeBytes: row.size, mtimeMs: row.mtime_ms, offset: row.offset });
    }
    return marks;
  }

  loadSession(agent: AgentId, sessionKey: string): unknown {
    const row = this.#statements.session.get(agent, sessionKey);
    return row ? JSON.parse(row.state) : undefined;
  }

  /** A dedupe index over the persisted keys; new claims are written with the file that made them. */
  dedupe(agent: AgentId): DedupeIndex & { pending: Map<string, string> } {
    const pending = new Map<string, string>();
    const owner = this.#statements.owner;
    return {
      pending,
      claim(key, sessionKey) {
        const fullKey = `${agent}\u0000${key}`;
        const known = pending.get(fullKey) ?? owner.get(fullKey)?.owner;
        if (known === undefined) {
          pending.set(fullKey, sessionKey);
          return true;
        }
        return known === sessionKey;
      },
    };
  }

  /** Commits one file's progress: watermark, touched sessions (marked dirty) and new dedupe keys. */
  commitFile(
    file: SourceFile,
    offset: number,
    sessions: Array<[sessionKey: string, state: unknown]>,
    pendingKeys: Map<string, string>,
  ): void {
    this.#db.transaction(() => {
      for (const [key, owner] of pendingKeys) this.#statements.claim.run(key, owner);
      for (const [sessionKey, state] of sessions) {
        this.#statements.saveSession.run(file.agent, sessionKey, JSON.stringify(state));
      }
      this.#statements.saveFile.run(file.path, file.agent, file.sizeBytes, file.mtimeMs, offset);
    })();
    pendingKeys.clear();
  }

  dirtySessions(): DirtySession[] {
    return this.#statements.dirty
      .all()
      .map((row) => ({ agent: row.agent, sessionKey: row.session_key, sentHash: row.sent_hash }));
  }

  /** The session's current rollup is on the server (or was refused, or is excluded) as `hash`. */
  markSent(agent: AgentId, sessionKey: string, hash: string): void {
    this.#statements.markSent.run(hash, agent, sessionKey);
  }

  close(): void {
    this.#db.close();
  }
}
