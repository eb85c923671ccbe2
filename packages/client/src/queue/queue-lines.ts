/**
 * The queue's on-disk record format, kept pure: one JSON value per line. A crash can tear the last write;
 * the torn fragment becomes a line of its own (the next append starts on a fresh line) and is skipped.
 */

export function encodeLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

export interface DecodedLines<T> {
  /** Parsed values with the byte offset just past each one's newline (relative to the text's start). */
  records: Array<{ value: T; endOffset: number }>;
  /** Lines that were not JSON (torn by a crash), skipped. */
  corrupt: number;
  /** Bytes of complete lines consumed (records and skipped lines); an unterminated tail is not. */
  consumedBytes: number;
}

/** Decodes complete lines from `buffer`, at most `maxRecords` values. */
export function decodeLines<T>(buffer: Buffer, maxRecords: number): DecodedLines<T> {
  const records: Array<{ value: T; endOffset: number }> = [];
  let corrupt = 0;
  let start = 0;
  while (records.length < maxRecords) {
    const newline = buffer.indexOf(10, start);
    if (newline < 0) break;
    const line = buffer.toString('utf8', start, newline);
    start = newline + 1;
    if (line.trim() === '') continue;
    try {
      records.push({ value: JSON.parse(line) as T, endOffset: start });
    } catch {
      corrupt += 1;
    }
  }
  return { records, corrupt, consumedBytes: start };
}

/** Complete lines in `buffer` (for counting what a dropped segment held). */
export function countLines(buffer: Buffer): number {
  let count = 0;
  let start = 0;
  for (;;) {
    const newline = buffer.indexOf(10, start);
    if (newline < 0) return count;
    if (newline > start) count += 1;
    start = newline + 1;
  }
}
