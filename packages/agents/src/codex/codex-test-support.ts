import { join } from 'node:path';
import type { AgentContext, HistoryFold, SourceFile } from '../adapter.ts';

/** Test-only helpers: the recorded Codex home, and feeding synthetic lines the way the engine does. */
export const CODEX_FIXTURE = join(import.meta.dirname, '../../../../../shared/fixtures/agents/codex');
export const fixtureCtx: AgentContext = { homeDir: join(CODEX_FIXTURE, 'home'), env: {} };

export function sourceOf(path: string, sizeBytes = 0): SourceFile {
  return { agent: 'codex', path, sizeBytes, mtimeMs: 0 };
}

/** Byte offsets where each complete line of `bytes` starts. */
export function lineStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline === -1) break;
    starts.push(start);
    start = newline + 1;
  }
  return starts;
}

/** Feeds the complete lines of `bytes` that start in [from, to), each with its byte offset. */
export function feedBytes(
  fold: HistoryFold,
  bytes: Buffer,
  source: SourceFile,
  from = 0,
  to = bytes.length,
): void {
  for (const start of lineStarts(bytes)) {
    if (start < from || start >= to) continue;
    fold.feedLine(bytes, start, bytes.indexOf(0x0a, start), { file: source, offset: start });
  }
}

/** Records as JSONL, one per line, each ending in a newline. */
export function jsonl(records: unknown[]): Buffer {
  return Buffer.from(
    records.map((record) => `${typeof record === 'string' ? record : JSON.stringify(record)}\n`).join(''),
  );
}
