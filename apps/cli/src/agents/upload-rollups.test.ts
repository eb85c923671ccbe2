import type { AgentSessionRollupInput } from '@devtime/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpAnswer } from './http-post.ts';
import { type UploadTarget, uploadRollups } from './upload-rollups.ts';

const target: UploadTarget = { endpoint: 'http://127.0.0.1:9', key: 'waka_test', headers: {} };
// uploadRollups only serialises rollups: the shape is the server's business, an id is enough here.
const rollups = (...ids: string[]) =>
  ids.map((id) => ({ session_id: id }) as unknown as AgentSessionRollupInput);
const ok = (statuses: string[]): HttpAnswer => ({
  status: 200,
  retryAfter: null,
  body: JSON.stringify({
    results: statuses.map((status) =>
      status === 'rejected' ? { status, error: { message: 'bad turn' } } : { status },
    ),
  }),
});
const answer = (status: number, retryAfter: string | null = null): HttpAnswer => ({
  status,
  retryAfter,
  body: JSON.stringify({ error: { message: `status ${status}` } }),
});

/** A scripted server: answers in order, and notes when (fake time) and what each call sent. */
function scripted(...answers: Array<HttpAnswer | Error>) {
  const calls: Array<{ atMs: number; sessions: string[] }> = [];
  const post = async (_url: URL, _headers: Record<string, string>, body: string) => {
    calls.push({
      atMs: Date.now(),
      sessions: JSON.parse(body).sessions.map((s: { session_id: string }) => s.session_id),
    });
    const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (next instanceof Error) throw next;
    return next;
  };
  return { post, calls };
}

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

async function run<T>(promise: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return promise;
}

describe('uploadRollups', () => {
  it('batches, and keeps a rejected rollup’s neighbours', async () => {
    const server = scripted(ok(['created', 'rejected']), ok(['unchanged']));
    const outcomes = await run(
      uploadRollups(target, rollups('a', 'b', 'c'), { post: server.post, maxBatchSessions: 2 }),
    );
    expect(server.calls.map((call) => call.sessions)).toEqual([['a', 'b'], ['c']]);
    expect(outcomes).toEqual([
      { status: 'created' },
      { status: 'rejected', reason: 'bad turn' },
      { status: 'unchanged' },
    ]);
  });

  it('retries an unreachable or failing server four times, with no pause after the last try', async () => {
    const server = scripted(new Error('ECONNREFUSED'), answer(503));
    const startMs = Date.now();
    const outcomes = await run(uploadRollups(target, rollups('a', 'b'), { post: server.post }));
    expect(server.calls.map((call) => call.atMs - startMs)).toEqual([0, 250, 750, 1750]);
    expect(Date.now() - startMs).toBe(1750);
    expect(outcomes).toEqual([
      { status: 'failed', reason: 'the server answered 503: status 503' },
      { status: 'failed', reason: 'the server answered 503: status 503' },
    ]);
  });

  it('waits as long as a 429 says, then succeeds', async () => {
    const server = scripted(answer(429, '3'), ok(['created']));
    const outcomes = await run(uploadRollups(target, rollups('a'), { post: server.post }));
    expect(server.calls.map((call) => call.atMs)).toEqual([0, 3000]);
    expect(outcomes).toEqual([{ status: 'created' }]);
  });

  it('stops at once on a refused key or a client error, and fails the rest without sending them', async () => {
    const refused = scripted(answer(401));
    const outcomes = await run(
      uploadRollups(target, rollups('a', 'b', 'c'), { post: refused.post, maxBatchSessions: 1 }),
    );
    expect(refused.calls).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'failed', 'failed']);
    expect(outcomes[0]).toMatchObject({ reason: expect.stringMatching(/refused the API key/) });
    const tooLarge = scripted(answer(413));
    await run(uploadRollups(target, rollups('a'), { post: tooLarge.post }));
    expect(tooLarge.calls).toHaveLength(1);
  });
});
