import {
  type AgentAdapter,
  type AgentContext,
  type AgentId,
  feedFile,
  type HistoryFold,
  type PrivacyFilter,
  type SourceFile,
} from '@devtime/agents';
import type { AgentSessionRollupInput } from '@devtime/protocol';
import { type PassMode, planPass } from './pass-sources.ts';
import { prepareRollup, rollupHash } from './prepare-rollup.ts';
import { takeHints } from './sync-hints.ts';
import { SyncState } from './sync-state.ts';
import { type UploadTarget, uploadRollups } from './upload-rollups.ts';

/**
 * Files read between two commits of the sync state. One commit per file made a first sync of a 500 MB
 * history spend a third of its time committing (3,163 transactions); a crash loses at most one batch,
 * which the next run reads again from the previous watermarks.
 */
const COMMIT_EVERY_FILES = 256;
const COMMIT_EVERY_BYTES = 64 * 1024 * 1024;

export interface SyncOptions {
  adapters: readonly AgentAdapter[];
  ctx: AgentContext;
  dataDir: string;
  /** Null when no API key is configured: changes are remembered and uploaded once there is one. */
  target: UploadTarget | null;
  privacy: PrivacyFilter;
  machineId: string;
  /** Read and print, write nothing (no watermark, no upload). */
  dryRun: boolean;
  /** 'hinted' (passes started by hooks) reads the sessions hooks named; default 'full' lists everything. */
  mode?: PassMode;
  nowMs?: number;
  /** Files read between two commits of the sync state (tests use 1 to get many batches). */
  commitEveryFiles?: number;
}

export interface SyncReport {
  /** Whether the whole history was listed, or only the files hooks pointed at. */
  scope: 'full' | 'hinted';
  filesRead: number;
  bytesRead: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  rejected: Array<{ agent: string; session_id: string; reason: string }>;
  /** Sessions that changed but could not be uploaded now (no key, server unreachable): kept for later. */
  waiting: number;
  error: string | null;
  /** Dry run only: exactly what would be sent. */
  payload?: AgentSessionRollupInput[];
}

/**
 * Incremental sync: read only what was appended to each history file since its watermark, continue each
 * touched session's fold from its persisted state, and upload the sessions whose rollup changed.
 */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  const state = new SyncState(options.dataDir);
  const report: SyncReport = {
    scope: 'full',
    filesRead: 0,
    bytesRead: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    excluded: 0,
    rejected: [],
    waiting: 0,
    error: null,
  };
  try {
    const nowMs = options.nowMs ?? Date.now();
    // A dry run takes no hints (they belong to the next real pass) and always lists everything.
    const taken = options.dryRun
      ? { hints: [], overflowed: false }
      : takeHints(options.dataDir, new Set(options.adapters.map((adapter) => adapter.id)));
    const plan = planPass(
      state,
      options.ctx,
      taken,
      options.dryRun ? 'full' : (options.mode ?? 'full'),
      nowMs,
    );
    report.scope = plan.full ? 'full' : 'hinted';
    const commitEveryFiles = options.commitEveryFiles ?? COMMIT_EVERY_FILES;
    const folds = new Map<AgentId, HistoryFold>();
    const touchedInDryRun: Array<{ agent: AgentId; sessionKey: string }> = [];
    for (const adapter of options.adapters) {
      const dedupe = state.dedupe(adapter.id);
      const fold = adapter.createFold({
        dedupe,
        states: { load: (key) => state.loadSession(adapter.id, key) },
      });
      folds.set(adapter.id, fold);
      // A full listing compares thousands of files: their watermarks come in one query.
      const marks = plan.full ? state.watermarks(adapter.id) : null;
      const batch: Array<{ file: SourceFile; offset: number }> = [];
      const batchSessions = new Set<string>();
      let batchBytes = 0;
      const commit = () => {
        if (batch.length === 0) return;
        const sessions = [...batchSessions].map((key): [string, unknown] => [key, fold.exportState(key)]);
        state.commitFiles(adapter.id, batch, sessions, dedupe.pending);
        for (const key of batchSessions) fold.release(key);
        batch.length = 0;
        batchSessions.clear();
        batchBytes = 0;
      };
      for (const file of await plan.sources(adapter)) {
        const mark = marks ? marks.get(file.path) : state.watermark(file.path);
        if (mark && mark.sizeBytes === file.sizeBytes && mark.mtimeMs === file.mtimeMs) continue;
        // A file that shrank was rewritten: read it again (dedupe keys keep old rows from counting twice).
        const fromOffset = mark && file.sizeBytes >= mark.offset ? mark.offset : 0;
        let endOffset = fromOffset;
        try {
          const fed = feedFile(fold, file, fromOffset);
          endOffset = fed.endOffset;
          report.bytesRead += fed.bytesRead;
          batchBytes += fed.bytesRead;
        } catch {
          continue; // vanished or unreadable now; the next run tries again
        }
        report.filesRead += 1;
        const touched = fold.takeTouched();
        if (options.dryRun) {
          for (const sessionKey of touched) touchedInDryRun.push({ agent: adapter.id, sessionKey });
          continue;
        }
        batch.push({ file, offset: endOffset });
        for (const key of touched) batchSessions.add(key);
        if (batch.length >= commitEveryFiles || batchBytes >= COMMIT_EVERY_BYTES) commit();
      }
      if (!options.dryRun) commit();
    }

    if (plan.full && !options.dryRun) state.setLastFullScanMs(nowMs);

    const dirty = options.dryRun
      ? [...state.dirtySessions(), ...touchedInDryRun.map((item) => ({ ...item, sentHash: null }))]
      : state.dirtySessions();
    const toSend: Array<{
      agent: AgentId;
      sessionKey: string;
      rollup: AgentSessionRollupInput;
      hash: string;
    }> = [];
    const seen = new Set<string>();
    for (const { agent, sessionKey, sentHash } of dirty) {
      if (seen.has(`${agent}/${sessionKey}`)) continue;
      seen.add(`${agent}/${sessionKey}`);
      const built = folds.get(agent)?.rollup(sessionKey) ?? null;
      const rollup = built ? prepareRollup(built, options.privacy, options.machineId) : null;
      const hash = rollupHash(rollup);
      if (!rollup) {
        if (built) report.excluded += 1;
        if (!options.dryRun) state.markSent(agent, sessionKey, hash);
        continue;
      }
      if (hash === sentHash) {
        if (!options.dryRun) state.markSent(agent, sessionKey, hash);
        continue;
      }
      toSend.push({ agent, sessionKey, rollup, hash });
    }

    if (options.dryRun) {
      report.payload = toSend.map((item) => item.rollup);
      return report;
    }
    if (!options.target) {
      report.waiting = toSend.length;
      if (toSend.length > 0) report.error = 'no API key configured: run `devtime token set <key>`';
      return report;
    }
    const outcomes = await uploadRollups(
      options.target,
      toSend.map((item) => item.rollup),
    );
    outcomes.forEach((outcome, index) => {
      const item = toSend[index];
      if (!item) return;
      if (outcome.status === 'failed') {
        report.waiting += 1;
        report.error = outcome.reason;
        return;
      }
      if (outcome.status === 'rejected') {
        // Sending the same rollup again would be refused again; it is retried when the session changes.
        report.rejected.push({
          agent: item.agent,
          session_id: item.rollup.session_id,
          reason: outcome.reason,
        });
      } else {
        report[outcome.status] += 1;
      }
      state.markSent(item.agent, item.sessionKey, item.hash);
    });
    return report;
  } finally {
    state.close();
  }
}
