import { describe, expect, it } from 'vitest';
import { FakeScheduler } from '../test-support/fake-scheduler.ts';
import type { Beat } from './activity-event.ts';
import { EditorTracker } from './editor-tracker.ts';
import { createTrackerDriver } from './tracker-driver.ts';

function setup() {
  const clock = new FakeScheduler();
  const beats: Beat[] = [];
  const tracker = new EditorTracker({ debounceMs: 250, heartbeatIntervalMs: 120_000 });
  const driver = createTrackerDriver(tracker, clock, (emitted) => beats.push(...emitted));
  const type = (file: string) => driver.handle({ kind: 'change', file, timeMs: clock.nowMs() });
  return { clock, beats, driver, type, t0: clock.nowMs() };
}

describe('createTrackerDriver', () => {
  it('emits a heartbeat when the debounce window closes, on its own timer', () => {
    const { clock, beats, type, t0 } = setup();
    type('a.ts');
    clock.advance(249);
    expect(beats).toEqual([]);
    clock.advance(1);
    expect(beats).toEqual([{ file: 'a.ts', timeMs: t0, isWrite: false, category: 'coding' }]);
  });

  it('keeps at most one timer armed while keystrokes stream in', () => {
    const { clock, beats, type } = setup();
    let maxTimers = 0;
    for (let i = 0; i < 10_000; i += 1) {
      type('a.ts');
      maxTimers = Math.max(maxTimers, clock.pendingTimers());
      clock.advance(30); // 33 keystrokes a second for 5 minutes
    }
    expect(maxTimers).toBe(1);
    expect(beats.map((beat) => beat.timeMs)).toHaveLength(3); // at 0, 2 and 4 minutes
  });

  it('flush() emits the open window and disarms its timer', () => {
    const { clock, beats, driver, type } = setup();
    type('a.ts');
    driver.flush();
    expect(beats).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('dispose() cancels the timer', () => {
    const { clock, beats, driver, type } = setup();
    type('a.ts');
    driver.dispose();
    clock.advance(1_000);
    expect(beats).toEqual([]);
  });
});
