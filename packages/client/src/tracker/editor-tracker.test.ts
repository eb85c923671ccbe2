import { describe, expect, it } from 'vitest';
import type { ActivityEvent, Beat } from './activity-event.ts';
import { EditorTracker } from './editor-tracker.ts';

const T0 = 1_700_000_000_000;
const options = { debounceMs: 250, heartbeatIntervalMs: 120_000 };

/** Feeds events in order and asks for due beats just before each one, as the driver's timer would. */
function run(events: ActivityEvent[], endMs: number, tracker = new EditorTracker(options)): Beat[] {
  const beats: Beat[] = [];
  for (const event of events) {
    beats.push(...tracker.due(event.timeMs));
    beats.push(...tracker.record(event));
  }
  beats.push(...tracker.due(endMs));
  return beats;
}

const change = (file: string, atMs: number): ActivityEvent => ({ kind: 'change', file, timeMs: T0 + atMs });
const save = (file: string, atMs: number): ActivityEvent => ({ kind: 'save', file, timeMs: T0 + atMs });

describe('EditorTracker: the heartbeat rule', () => {
  it('sends the first activity, then nothing more in the same file until 2 minutes have passed', () => {
    // A keystroke every 200 ms for 5 minutes: 1,500 events.
    const events = Array.from({ length: 1_500 }, (_, i) => change('a.ts', i * 200));
    const beats = run(events, T0 + 400_000);
    expect(beats.map((beat) => beat.timeMs - T0)).toEqual([0, 120_000, 240_000]);
    expect(beats.every((beat) => !beat.isWrite && beat.category === 'coding')).toBe(true);
  });

  it('sends at once on a file switch, and a switch back counts as a change too', () => {
    const beats = run([change('a.ts', 0), change('b.ts', 1_000), change('a.ts', 2_000)], T0 + 10_000);
    expect(beats.map((beat) => [beat.file, beat.timeMs - T0])).toEqual([
      ['a.ts', 0],
      ['b.ts', 1_000],
      ['a.ts', 2_000],
    ]);
  });

  it('marks a save as a write and sends it even seconds after the last heartbeat', () => {
    const beats = run([change('a.ts', 0), change('a.ts', 5_000), save('a.ts', 9_000)], T0 + 20_000);
    expect(beats.map((beat) => [beat.timeMs - T0, beat.isWrite])).toEqual([
      [0, false],
      [9_000, true],
    ]);
  });

  it('debounces a burst into one candidate stamped with its first event, write if any event was', () => {
    const beats = run([change('a.ts', 0), change('a.ts', 50), save('a.ts', 100)], T0 + 1_000);
    expect(beats).toEqual([{ file: 'a.ts', timeMs: T0, isWrite: true, category: 'coding' }]);
  });

  it('does not emit before the debounce window has closed', () => {
    const tracker = new EditorTracker(options);
    tracker.record(change('a.ts', 0));
    expect(tracker.nextDueMs()).toBe(T0 + 250);
    expect(tracker.due(T0 + 249)).toEqual([]);
    expect(tracker.due(T0 + 250)).toHaveLength(1);
    expect(tracker.nextDueMs()).toBeNull();
  });

  it('sends nothing while the window is unfocused and idle, and resumes on focus', () => {
    const beats = run(
      [
        change('a.ts', 0),
        { kind: 'blur', timeMs: T0 + 1_000 },
        change('a.ts', 200_000), // e.g. a formatter or git checkout touching the file in the background
        { kind: 'select', file: 'b.ts', timeMs: T0 + 201_000 },
        { kind: 'focus', file: 'a.ts', timeMs: T0 + 300_000 },
      ],
      T0 + 400_000,
    );
    expect(beats.map((beat) => [beat.file, beat.timeMs - T0])).toEqual([
      ['a.ts', 0],
      ['a.ts', 300_000],
    ]);
  });

  it('still counts a save while unfocused (auto-save on focus change)', () => {
    const beats = run([change('a.ts', 0), { kind: 'blur', timeMs: T0 + 500 }, save('a.ts', 600)], T0 + 5_000);
    expect(beats.map((beat) => [beat.timeMs - T0, beat.isWrite])).toEqual([
      [0, false],
      [600, true],
    ]);
  });

  it('categorises activity during a debug session as debugging, also while unfocused', () => {
    const beats = run(
      [
        change('a.ts', 0),
        { kind: 'debug-start', file: 'a.ts', timeMs: T0 + 10_000 },
        { kind: 'blur', timeMs: T0 + 11_000 },
        { kind: 'select', file: 'a.ts', timeMs: T0 + 140_000 }, // the debugger stopped on a breakpoint
        { kind: 'debug-stop', timeMs: T0 + 150_000 },
        { kind: 'focus', file: 'a.ts', timeMs: T0 + 151_000 },
      ],
      T0 + 200_000,
    );
    expect(beats.map((beat) => [beat.timeMs - T0, beat.category])).toEqual([
      [0, 'coding'],
      [10_000, 'debugging'],
      [140_000, 'debugging'],
      [151_000, 'coding'],
    ]);
  });

  it('categorises activity while a task runs as building or running tests, innermost first', () => {
    const tracker = new EditorTracker(options);
    tracker.record({ kind: 'task-start', task: 'building', timeMs: T0 });
    expect(tracker.category()).toBe('building');
    tracker.record({ kind: 'task-start', task: 'running tests', timeMs: T0 });
    expect(tracker.category()).toBe('running tests');
    tracker.record({ kind: 'task-end', task: 'running tests', timeMs: T0 });
    expect(tracker.category()).toBe('building');
    tracker.record({ kind: 'task-end', task: 'building', timeMs: T0 });
    tracker.record({ kind: 'task-end', task: 'building', timeMs: T0 }); // an unmatched end is harmless
    expect(tracker.category()).toBe('coding');
  });

  it('flush() judges the open window at once (pause, shutdown)', () => {
    const tracker = new EditorTracker(options);
    tracker.record(save('a.ts', 0));
    expect(tracker.flush()).toEqual([{ file: 'a.ts', timeMs: T0, isWrite: true, category: 'coding' }]);
    expect(tracker.flush()).toEqual([]);
  });

  it('ignores events without a file (a change in an output panel)', () => {
    expect(run([{ kind: 'change', timeMs: T0 }], T0 + 1_000)).toEqual([]);
  });
});
