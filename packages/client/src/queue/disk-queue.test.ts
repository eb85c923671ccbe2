import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { DiskQueue } from './disk-queue.ts';

const CHILD = join(import.meta.dirname, '..', 'test-support', 'queue-child.ts');
let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup) remove();
  cleanup = [];
});
function tempQueue<T>(options: { segmentBytes?: number; maxBytes?: number } = {}) {
  const temp = makeTempDir('queue');
  cleanup.push(temp.remove);
  const dir = join(temp.dir, 'queue');
  return { dir, queue: new DiskQueue<T>({ dir, ...options }) };
}
const segmentFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('segment-'));

describe('DiskQueue', () => {
  it('replays in order across segments and across a restart, and acks move the cursor', async () => {
    const { dir, queue } = tempQueue<number>({ segmentBytes: 64 });
    for (let n = 0; n < 50; n += 1) await queue.append([n]);
    expect(segmentFiles(dir).length).toBeGreaterThanOrEqual(3);

    const first = await queue.peek(20);
    expect(first.items).toEqual(Array.from({ length: 20 }, (_, n) => n));
    await queue.ack(first.end);

    // A new instance (a restarted editor) continues where the cursor is.
    const reopened = new DiskQueue<number>({ dir, segmentBytes: 64 });
    const rest = await reopened.peek(1_000);
    expect(rest.items).toEqual(Array.from({ length: 30 }, (_, n) => n + 20));
  });

  it('peek without ack re-delivers the same items (a send that was never acked)', async () => {
    const { queue } = tempQueue<string>();
    await queue.append(['a', 'b']);
    expect((await queue.peek(10)).items).toEqual(['a', 'b']);
    expect((await queue.peek(10)).items).toEqual(['a', 'b']);
  });

  it('deletes wholly consumed segments (compaction) and never moves the cursor back', async () => {
    const { dir, queue } = tempQueue<number>({ segmentBytes: 64 });
    for (let n = 0; n < 40; n += 1) await queue.append([n]);
    const all = await queue.peek(1_000);
    const early = await queue.peek(5);
    await queue.ack(all.end);
    expect(segmentFiles(dir)).toHaveLength(1); // only the active one is kept
    await queue.ack(early.end); // a slower client acking an older position
    expect((await queue.peek(10)).items).toEqual([]);
    await queue.append([99]);
    expect((await queue.peek(10)).items).toEqual([99]);
  });

  it('is bounded: past maxBytes the oldest segments are dropped and counted', async () => {
    const { queue } = tempQueue<string>({ segmentBytes: 100, maxBytes: 300 });
    const item = (n: number) => `item-${String(n).padStart(4, '0')}-${'x'.repeat(10)}`; // 23 bytes a line
    for (let n = 0; n < 100; n += 1) await queue.append([item(n)]);
    const stats = await queue.stats();
    expect(stats.pendingBytes).toBeLessThanOrEqual(300);
    const left = (await queue.peek(1_000)).items;
    expect(left.length + stats.dropped).toBe(100);
    expect(stats.dropped).toBeGreaterThan(0);
    // What is left is the newest, still in order.
    expect(left).toEqual(Array.from({ length: left.length }, (_, i) => item(100 - left.length + i)));
  });

  it('skips a line torn by a crash mid-append and keeps the next append intact', async () => {
    const { dir, queue } = tempQueue<{ n: number }>();
    await queue.append([{ n: 1 }]);
    const [segment] = segmentFiles(dir);
    appendFileSync(join(dir, segment!), '{"n":2, "tor'); // the process died inside write()
    expect((await queue.peek(10)).items).toEqual([{ n: 1 }]); // the torn tail may still be in progress
    await queue.append([{ n: 3 }]);
    const batch = await queue.peek(10);
    expect(batch.items).toEqual([{ n: 1 }, { n: 3 }]);
    expect(batch.corrupt).toBe(1);
  });

  it('two processes appending at once lose and tear nothing', async () => {
    const { dir } = tempQueue<{ writer: string; n: number }>();
    const run = (writer: string) => {
      const child = spawn(process.execPath, [CHILD, 'append', dir, writer, '150'], { stdio: 'inherit' });
      return once(child, 'exit');
    };
    const codes = await Promise.all([run('a'), run('b')]);
    expect(codes.map(([code]) => code)).toEqual([0, 0]);
    const queue = new DiskQueue<{ writer: string; n: number }>({ dir, segmentBytes: 4_096 });
    const batch = await queue.peek(10_000);
    expect(batch.corrupt).toBe(0);
    expect(batch.items).toHaveLength(300);
    for (const writer of ['a', 'b']) {
      // Each writer's own items stay in its order.
      expect(batch.items.filter((item) => item.writer === writer).map((item) => item.n)).toEqual(
        Array.from({ length: 150 }, (_, n) => n),
      );
    }
    expect(readFileSync(join(dir, segmentFiles(dir)[0]!), 'utf8').split('\n')[0]).toMatch(/^\{"writer"/);
  });
});
