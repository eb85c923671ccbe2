import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, writeFileAtomic } from './atomic-write.ts';
import { acquireFileLock } from './file-lock.ts';
import { countLines, decodeLines, encodeLines } from './queue-lines.ts';

export interface DiskQueueOptions {
  /** The queue's own directory (segments, cursor, lock). */
  dir: string;
  /** Unsent data beyond this is dropped oldest segment first, and counted. */
  maxBytes?: number;
  /** A segment is closed and a new one started past this size; consumed segments are deleted whole. */
  segmentBytes?: number;
  /** How long an operation waits for another process's lock. */
  lockTimeoutMs?: number;
}

export const DEFAULT_QUEUE_MAX_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SEGMENT_BYTES = 1024 * 1024;

/** Where reading stopped: a segment number and a byte offset in it. */
export interface QueuePosition {
  segment: number;
  offset: number;
}

export interface QueueBatch<T> {
  items: T[];
  /** Pass to `ack` once the items are delivered. */
  end: QueuePosition;
  /** Torn lines skipped on the way (a crash mid-append). */
  corrupt: number;
}

export interface QueueStats {
  pendingBytes: number;
  segments: number;
  /** Items dropped because the queue was full, since the queue was created. */
  dropped: number;
}

interface Cursor extends QueuePosition {
  dropped: number;
}

const SEGMENT = /^segment-(\d{12})\.jsonl$/;
const segmentName = (segment: number) => `segment-${String(segment).padStart(12, '0')}.jsonl`;
const comparePositions = (a: QueuePosition, b: QueuePosition) => a.segment - b.segment || a.offset - b.offset;

/**
 * A durable FIFO of JSON values in plain files, shared by every DevTime client on the machine.
 *
 * - Appends go to the newest `segment-N.jsonl` and are fdatasync'd before `append` resolves.
 * - `cursor.json` (replaced atomically) says how far delivery got; `peek` reads from it, `ack` moves it.
 *   A crash between delivering and acking re-delivers the same bytes, which the server dedupes by content.
 * - Segments wholly before the cursor are deleted (compaction); past `maxBytes` the oldest unsent segment
 *   is dropped and its items counted in `dropped`.
 * - Every operation holds `queue.lock` (processes) and an in-process chain (concurrent calls of one client).
 *
 * Pure JavaScript on purpose: an editor extension ships in a VSIX and cannot carry a native addon built for
 * each editor's Electron ABI.
 */
export class DiskQueue<T> {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #segmentBytes: number;
  readonly #lockTimeoutMs: number;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: DiskQueueOptions) {
    this.#dir = options.dir;
    this.#segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.#maxBytes = Math.max(options.maxBytes ?? DEFAULT_QUEUE_MAX_BYTES, this.#segmentBytes * 2);
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 5_000;
  }

  get dir(): string {
    return this.#dir;
  }

  /** Appends the values durably, in order, as one write. */
  append(values: readonly T[]): Promise<void> {
    if (values.length === 0) return Promise.resolve();
    return this.#locked(async () => {
      const cursor = await this.#readCursor();
      const segments = await this.#segments();
      let active = segments.at(-1) ?? cursor.segment;
      let size = await this.#size(active);
      let created = size === null;
      if (size !== null && size >= this.#segmentBytes) {
        active += 1;
        size = null;
        created = true;
      }
      let data = encodeLines(values);
      // A torn tail from a crash must not swallow the first new record: start on a fresh line.
      if (size !== null && size > 0 && !(await this.#endsWithNewline(active, size))) data = `\n${data}`;
      const handle = await open(join(this.#dir, segmentName(active)), 'a', 0o600);
      try {
        await handle.write(data);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      if (created) await syncDirectory(this.#dir);
      await this.#enforceBound(cursor);
    });
  }

  /** Up to `maxItems` values from the cursor on, oldest first. Does not remove them: `ack` does. */
  peek(maxItems: number): Promise<QueueBatch<T>> {
    return this.#locked(async () => {
      const cursor = await this.#readCursor();
      const segments = (await this.#segments()).filter((segment) => segment >= cursor.segment);
      const items: T[] = [];
      let corrupt = 0;
      let end: QueuePosition = { segment: cursor.segment, offset: cursor.offset };
      for (const [index, segment] of segments.entries()) {
        const from = segment === cursor.segment ? cursor.offset : 0;
        const buffer = (await this.#read(segment)).subarray(from);
        const decoded = decodeLines<T>(buffer, maxItems - items.length);
        for (const record of decoded.records) items.push(record.value);
        corrupt += decoded.corrupt;
        end = { segment, offset: from + decoded.consumedBytes };
        if (items.length >= maxItems) break;
        const isLast = index === segments.length - 1;
        // An unterminated tail in a closed segment is a torn write nobody will finish: skip it.
        if (!isLast && decoded.consumedBytes < buffer.length) corrupt += 1;
      }
      return { items, end, corrupt };
    });
  }

  /** Marks everything up to `end` delivered and deletes segments that are wholly consumed. */
  ack(end: QueuePosition): Promise<void> {
    return this.#locked(async () => {
      const cursor = await this.#readCursor();
      // Another client (or a drop) may already be further: never move back.
      if (comparePositions(end, cursor) <= 0) return;
      let next: Cursor = { ...cursor, segment: end.segment, offset: end.offset };
      const segments = await this.#segments();
      // At the end of a closed segment: step into the next one so this one can go.
      const later = segments.filter((segment) => segment > next.segment);
      if (later.length > 0 && next.offset >= ((await this.#size(next.segment)) ?? 0)) {
        next = { ...next, segment: later[0]!, offset: 0 };
      }
      await this.#writeCursor(next);
      await this.#deleteBefore(next.segment, segments);
    });
  }

  stats(): Promise<QueueStats> {
    return this.#locked(async () => {
      const cursor = await this.#readCursor();
      const segments = (await this.#segments()).filter((segment) => segment >= cursor.segment);
      let bytes = 0;
      for (const segment of segments) bytes += (await this.#size(segment)) ?? 0;
      const offset = segments[0] === cursor.segment ? cursor.offset : 0;
      return {
        pendingBytes: Math.max(0, bytes - offset),
        segments: segments.length,
        dropped: cursor.dropped,
      };
    });
  }

  async #enforceBound(cursor: Cursor): Promise<void> {
    let segments = (await this.#segments()).filter((segment) => segment >= cursor.segment);
    const sizes = new Map<number, number>();
    for (const segment of segments) sizes.set(segment, (await this.#size(segment)) ?? 0);
    let next = cursor;
    const pending = () =>
      segments.reduce((sum, segment) => sum + sizes.get(segment)!, 0) -
      (segments[0] === next.segment ? next.offset : 0);
    // The newest segment is never dropped: it holds what was just appended.
    while (segments.length > 1 && pending() > this.#maxBytes) {
      const oldest = segments[0]!;
      const from = oldest === next.segment ? next.offset : 0;
      const lost = countLines((await this.#read(oldest)).subarray(from));
      segments = segments.slice(1);
      next = { segment: segments[0]!, offset: 0, dropped: next.dropped + lost };
    }
    if (next === cursor) return;
    await this.#writeCursor(next);
    await this.#deleteBefore(next.segment, await this.#segments());
  }

  async #deleteBefore(segment: number, segments: number[]): Promise<void> {
    for (const old of segments) {
      if (old < segment) await unlink(join(this.#dir, segmentName(old))).catch(() => {});
    }
  }

  async #locked<R>(operation: () => Promise<R>): Promise<R> {
    const run = async () => {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      const release = await acquireFileLock(join(this.#dir, 'queue.lock'), {
        timeoutMs: this.#lockTimeoutMs,
      });
      try {
        return await operation();
      } finally {
        await release();
      }
    };
    const result = this.#chain.then(run, run);
    this.#chain = result.catch(() => {});
    return result;
  }

  async #readCursor(): Promise<Cursor> {
    try {
      const parsed = JSON.parse(await readFile(join(this.#dir, 'cursor.json'), 'utf8')) as Partial<Cursor>;
      if (Number.isInteger(parsed.segment) && Number.isInteger(parsed.offset)) {
        return { segment: parsed.segment!, offset: parsed.offset!, dropped: parsed.dropped ?? 0 };
      }
    } catch {
      // No cursor yet (or an unreadable one): start at the oldest segment there is.
    }
    const first = (await this.#segments())[0] ?? 1;
    return { segment: first, offset: 0, dropped: 0 };
  }

  #writeCursor(cursor: Cursor): Promise<void> {
    return writeFileAtomic(join(this.#dir, 'cursor.json'), `${JSON.stringify(cursor)}\n`);
  }

  async #segments(): Promise<number[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names
      .map((name) => SEGMENT.exec(name)?.[1])
      .filter((match): match is string => match !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  async #size(segment: number): Promise<number | null> {
    return stat(join(this.#dir, segmentName(segment))).then(
      (stats) => stats.size,
      () => null,
    );
  }

  async #read(segment: number): Promise<Buffer> {
    return readFile(join(this.#dir, segmentName(segment))).catch(() => Buffer.alloc(0));
  }

  async #endsWithNewline(segment: number, size: number): Promise<boolean> {
    const handle = await open(join(this.#dir, segmentName(segment)), 'r');
    try {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 10;
    } finally {
      await handle.close();
    }
  }
}
