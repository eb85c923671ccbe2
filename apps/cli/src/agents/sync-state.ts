import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { AgentId, DedupeIndex, SourceFile, SyncHint } from '@devtime/agents';

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
  readonly #db: DatabaseSync;
  readonly #statements;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'agents');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // node:sqlite, not better-sqlite3: built in, so a sync pass saves ~10 ms of loading a native addon
    // and its 15 modules (bench/agents/sync.bench.ts).
    this.#db = new DatabaseSync(join(dir, 'sync-state.db'));
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000');
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
      CREATE TABLE IF NOT EXISTS hints (
        agent TEXT NOT NULL, transcript_path TEXT NOT NULL, session_id TEXT NOT NULL, hinted_ms INTEGER NOT NULL,
        PRIMARY KEY (agent, transcript_path, session_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.#statements = {
      files: this.#db.prepare('SELECT path, size, mtime_ms, offset FROM files WHERE agent = ?'),
      file: this.#db.prepare('SELECT path, size, mtime_ms, offset FROM files WHERE path = ?'),
      saveFile: this.#db.prepare(
        'INSERT INTO files (path, agent, size, mtime_ms, offset) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, offset = excluded.offset',
      ),
      session: this.#db.prepare('SELECT state FROM sessions WHERE agent = ? AND session_key = ?'),
      saveSession: this.#db.prepare(
        'INSERT INTO sessions (agent, session_key, state, dirty) VALUES (?, ?, ?, 1) ' +
          'ON CONFLICT (agent, session_key) DO UPDATE SET state = excluded.state, dirty = 1',
      ),
      dirty: this.#db.prepare(
        'SELECT agent, session_key, sent_hash FROM sessions WHERE dirty = 1 ORDER BY agent, session_key',
      ),
      markSent: this.#db.prepare(
        'UPDATE sessions SET dirty = 0, sent_hash = ? WHERE agent = ? AND session_key = ?',
      ),
      owner: this.#db.prepare('SELECT owner FROM dedupe WHERE key = ?'),
      claim: this.#db.prepare('INSERT OR IGNORE INTO dedupe (key, owner) VALUES (?, ?)'),
      saveHint: this.#db.prepare(
        'INSERT INTO hints (agent, transcript_path, session_id, hinted_ms) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT DO UPDATE SET hinted_ms = max(hinted_ms, excluded.hinted_ms)',
      ),
      pruneHints: this.#db.prepare('DELETE FROM hints WHERE hinted_ms < ?'),
      hints: this.#db.prepare('SELECT agent, transcript_path, session_id FROM hints ORDER BY hinted_ms'),
      meta: this.#db.prepare('SELECT value FROM meta WHERE key = ?'),
      saveMeta: this.#db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Every watermark of an agent in one query (a full listing compares thousands of files). */
  watermarks(agent: AgentId): Map<string, FileWatermark> {
    const marks = new Map<string, FileWatermark>();
    for (const row of this.#statements.files.all(agent) as unknown as FileRow[]) {
      marks.set(row.path, { sizeBytes: row.size, mtimeMs: row.mtime_ms, offset: row.offset });
    }
    return marks;
  }

  /** One file's watermark (a hinted pass looks at a handful of files, not thousands). */
  watermark(path: string): FileWatermark | undefined {
    const row = this.#statements.file.get(path) as FileRow | undefined;
    return row ? { sizeBytes: row.size, mtimeMs: row.mtime_ms, offset: row.offset } : undefined;
  }

  loadSession(agent: AgentId, sessionKey: string): unknown {
    const row = this.#statements.session.get(agent, sessionKey) as { state: string } | undefined;
    return row ? JSON.parse(row.state) : undefined;
  }

  /** A dedupe index over the persisted keys; new claims are written with the file that made them. */
  dedupe(agent: AgentId): DedupeIndex & { pending: Map<string, string> } {
    const pending = new Map<string, string>();
    const owner: StatementSync = this.#statements.owner;
    return {
      pending,
      claim(key, sessionKey) {
        const fullKey = `${agent}\u0000${key}`;
        const known = pending.get(fullKey) ?? (owner.get(fullKey) as { owner: string } | undefined)?.owner;
        if (known === undefined) {
          pending.set(fullKey, sessionKey);
          return true;
        }
        return known === sessionKey;
      },
    };
  }

  /**
   * Commits the progress of the files read since the last commit, atomically: their watermarks, the
   * sessions they touched (marked dirty) and the new dedupe keys. A crash before it loses nothing: those
   * files are read again from their previous watermarks.
   */
  commitFiles(
    agent: AgentId,
    files: ReadonlyArray<{ file: SourceFile; offset: number }>,
    sessions: Array<[sessionKey: string, state: unknown]>,
    pendingKeys: Map<string, string>,
  ): void {
    this.#transaction(() => {
      for (const [key, owner] of pendingKeys) this.#statements.claim.run(key, owner);
      for (const [sessionKey, state] of sessions) {
        this.#statements.saveSession.run(agent, sessionKey, JSON.stringify(state));
      }
      for (const { file, offset } of files) {
        this.#statements.saveFile.run(file.path, file.agent, file.sizeBytes, file.mtimeMs, offset);
      }
    });
    pendingKeys.clear();
  }

  dirtySessions(): DirtySession[] {
    const rows = this.#statements.dirty.all() as Array<{
      agent: AgentId;
      session_key: string;
      sent_hash: string | null;
    }>;
    return rows.map((row) => ({ agent: row.agent, sessionKey: row.session_key, sentHash: row.sent_hash }));
  }

  /** The session's current rollup is on the server (or was refused, or is excluded) as `hash`. */
  markSent(agent: AgentId, sessionKey: string, hash: string): void {
    this.#statements.markSent.run(hash, agent, sessionKey);
  }

  /**
   * Remembers hooks' hints and returns every hint newer than `sinceMs`: a session a hook named recently
   * is looked at on each pass, because its transcript may be written after the hook ran.
   */
  rememberHints(hints: readonly SyncHint[], nowMs: number, sinceMs: number): SyncHint[] {
    this.#transaction(() => {
      for (const hint of hints) {
        this.#statements.saveHint.run(hint.agent, hint.transcriptPath ?? '', hint.sessionId ?? '', nowMs);
      }
      this.#statements.pruneHints.run(sinceMs);
    });
    const rows = this.#statements.hints.all() as Array<{
      agent: AgentId;
      transcript_path: string;
      session_id: string;
    }>;
    return rows.map((row) => ({
      agent: row.agent,
      ...(row.transcript_path ? { transcriptPath: row.transcript_path } : {}),
      ...(row.session_id ? { sessionId: row.session_id } : {}),
    }));
  }

  /** When the whole history was last listed (ms), or null if never. */
  lastFullScanMs(): number | null {
    const row = this.#statements.meta.get('last_full_scan_ms') as { value: string } | undefined;
    return row ? Number(row.value) : null;
  }

  setLastFullScanMs(ms: number): void {
    this.#statements.saveMeta.run('last_full_scan_ms', String(ms));
  }

  close(): void {
    this.#db.close();
  }

  #transaction(work: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

interface FileRow {
  path: string;
  size: number;
  mtime_ms: number;
  offset: number;
}
