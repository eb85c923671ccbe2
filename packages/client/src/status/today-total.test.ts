import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../http/api-client.ts';
import { FakeScheduler } from '../test-support/fake-scheduler.ts';
import { createTodayTotalRefresher, type TodayTotal } from './today-total.ts';

const flushAsync = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('createTodayTotalRefresher', () => {
  it('asks the server at most once a minute however often it is asked', async () => {
    const scheduler = new FakeScheduler();
    let calls = 0;
    const api = {
      todayStats: async () => ({ ok: true as const, value: { totalSeconds: ++calls * 60 } }),
    } as unknown as ApiClient;
    const seen: TodayTotal[] = [];
    const refresher = createTodayTotalRefresher({
      api: () => api,
      scheduler,
      minIntervalMs: 60_000,
      onChange: (total) => seen.push(total),
    });
    refresher.request();
    await flushAsync();
    expect(calls).toBe(1);
    for (let second = 0; second < 59; second += 1) {
      refresher.request();
      scheduler.advance(1_000);
      await flushAsync();
    }
    expect(calls).toBe(1); // the requests of that minute wait for one deferred refresh
    scheduler.advance(1_000);
    await flushAsync();
    expect(calls).toBe(2);
    expect(seen.map((total) => total.kind === 'total' && total.totalSeconds)).toEqual([60, 120]);
    refresher.dispose();
  });
});
