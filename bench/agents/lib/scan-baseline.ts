// The baselines DevTime's backfill is compared with, run as a child process so wall time and RSS are
// measured like the real tools':
//   parse-all    — read every .jsonl under <home>/.claude/projects and JSON.parse every line
//   usage-lines  — scan the raw bytes for `"usage"` and JSON.parse only the lines that contain it
// Both count usage with the ground truth's rule (ClaudeUsageFold) and print one JSON object on stdout.
// Run: node bench/agents/lib/scan-baseline.ts parse-all|usage-lines <home>
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ClaudeUsageFold } from './token-totals.ts';

export interface ScanOutput {
  mode: 'parse-all' | 'usage-lines';
  files: number;
  bytes: number;
  /** Lines seen (parse-all only; the byte scan does not split every line). */
  lines: number | null;
  parsedLines: number;
  malformedLines: number;
  assistantRows: number;
  uniqueResponses: number;
  models: ReturnType<ClaudeUsageFold['kept']>;
  firstRowPerKey: ReturnType<ClaudeUsageFold['firstRowPerKey']>;
}

const NEWLINE = 10;
const USAGE = Buffer.from('"usage"');

export function listJsonl(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Feeds every complete line of `path` to `onLine(buffer, start, end)` (end excludes the newline), reading
 * 1 MiB at a time; a line longer than the buffer grows it. A last line without a newline is fed too.
 */
function forEachLine(
  path: string,
  state: { buffer: Buffer },
  onChunk: (buffer: Buffer, start: number, end: number) => void,
): number {
  const fd = openSync(path, 'r');
  let bytes = 0;
  let filled = 0;
  try {
    for (;;) {
      if (filled === state.buffer.length) {
        const bigger = Buffer.allocUnsafe(state.buffer.length * 2);
        state.buffer.copy(bigger, 0, 0, filled);
        state.buffer = bigger;
      }
      const read = readSync(fd, state.buffer, filled, state.buffer.length - filled, null);
      bytes += read;
      if (read === 0) {
        if (filled > 0) onChunk(state.buffer, 0, filled);
        return bytes;
      }
      const end = filled + read;
      const lastNewline = state.buffer.lastIndexOf(NEWLINE, end - 1);
      if (lastNewline === -1) {
        filled = end;
        continue;
      }
      // Whole lines [0, lastNewline]; the tail moves to the front for the next read.
      onChunk(state.buffer, 0, lastNewline + 1);
      state.buffer.copy(state.buffer, 0, lastNewline + 1, end);
      filled = end - lastNewline - 1;
    }
  } finally {
    closeSync(fd);
  }
}

export function scan(mode: ScanOutput['mode'], home: string): ScanOutput {
  const files = listJsonl(join(home, '.claude', 'projects'));
  const fold = new ClaudeUsageFold();
  const state = { buffer: Buffer.allocUnsafe(1 << 20) };
  let bytes = 0;
  let lines = 0;
  let parsedLines = 0;
  let malformedLines = 0;
  const parse = (buffer: Buffer, start: number, end: number) => {
    parsedLines++;
    try {
      fold.feed(JSON.parse(buffer.toString('utf8', start, end)));
    } catch {
      malformedLines++;
    }
  };
  for (const file of files) {
    if (mode === 'parse-all') {
      bytes += forEachLine(file, state, (buffer, start, end) => {
        let at = start;
        while (at < end) {
          let nl = buffer.indexOf(NEWLINE, at);
          if (nl === -1 || nl > end) nl = end;
          if (nl > at) {
            lines++;
            parse(buffer, at, nl);
          }
          at = nl + 1;
        }
      });
    } else {
      bytes += forEachLine(file, state, (buffer, start, end) => {
        let at = start;
        while (at < end) {
          const hit = buffer.indexOf(USAGE, at);
          if (hit === -1 || hit >= end) return;
          const lineStart = hit === 0 ? 0 : buffer.lastIndexOf(NEWLINE, hit - 1) + 1;
          let lineEnd = buffer.indexOf(NEWLINE, hit);
          if (lineEnd === -1 || lineEnd > end) lineEnd = end;
          parse(buffer, Math.max(lineStart, start), lineEnd);
          at = lineEnd + 1;
        }
      });
    }
  }
  return {
    mode,
    files: files.length,
    bytes,
    lines: mode === 'parse-all' ? lines : null,
    parsedLines,
    malformedLines,
    assistantRows: fold.assistantRows,
    uniqueResponses: fold.uniqueMessages,
    models: fold.kept(),
    firstRowPerKey: fold.firstRowPerKey(),
  };
}

if (import.meta.main) {
  const [mode, home] = process.argv.slice(2);
  if ((mode !== 'parse-all' && mode !== 'usage-lines') || !home) {
    process.stderr.write('usage: scan-baseline.ts parse-all|usage-lines <home>\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(scan(mode, home))}\n`);
}
