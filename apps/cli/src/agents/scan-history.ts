import { type AgentAdapter, type AgentContext, createMemoryDedupe, feedFile } from '@devtime/agents';
import type { AgentSessionRollupInput } from '@devtime/protocol';

export interface AgentScanReport {
  agent: string;
  files: number;
  bytes: number;
  lines: number;
  skippedLines: number;
  sessions: number;
}

export interface ScanProgress {
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Reads an agent's whole history from the start, in memory (a backfill: nothing is remembered, so
 * running it twice reads the same and the server's idempotent upsert keeps totals unchanged).
 */
export async function scanHistory(
  adapter: AgentAdapter,
  ctx: AgentContext,
  onProgress?: (progress: ScanProgress) => void,
): Promise<{ report: AgentScanReport; rollups: AgentSessionRollupInput[] }> {
  const sources = await adapter.listSources(ctx);
  const fold = adapter.createFold({ dedupe: createMemoryDedupe() });
  const bytesTotal = sources.reduce((sum, file) => sum + file.sizeBytes, 0);
  const sessionKeys = new Set<string>();
  let bytesDone = 0;
  let lines = 0;
  for (const file of sources) {
    try {
      lines += feedFile(fold, file).lines;
    } catch {
      // A file that vanished or cannot be read is skipped; the rest of the history still counts.
    }
    for (const key of fold.takeTouched()) sessionKeys.add(key);
    bytesDone += file.sizeBytes;
    onProgress?.({ bytesDone, bytesTotal });
  }
  const rollups: AgentSessionRollupInput[] = [];
  for (const key of sessionKeys) {
    const rollup = fold.rollup(key);
    if (rollup) rollups.push(rollup);
  }
  rollups.sort((a, b) => a.started_at - b.started_at);
  return {
    report: {
      agent: adapter.id,
      files: sources.length,
      bytes: bytesTotal,
      lines,
      skippedLines: fold.skippedLines,
      sessions: rollups.length,
    },
    rollups,
  };
}
