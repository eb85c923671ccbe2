import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentAdapter, AgentContext, SourceFile, SyncHint } from '@devtime/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FULL_SCAN_EVERY_MS, HINT_ACTIVE_MS, planPass } from './pass-sources.ts';
import { SyncState } from './sync-state.ts';

const ctx: AgentContext = { homeDir: '/nowhere', env: {} };
const file = (path: string, mtimeMs = 1): SourceFile => ({ agent: 'claude', path, sizeBytes: 1, mtimeMs });
const everything = [file('/a.jsonl', 1), file('/b.jsonl', 2), file('/c.jsonl', 3)];

/** An adapter whose whole history is `everything`; a hint names one file by path, `null` when unknown. */
const adapter: AgentAdapter = {
  id: 'claude',
  displayName: 'Fake',
  detect: async () => {
    throw new Error('unused');
  },
  listSources: async () => everything,
  hintedSources: async (_ctx, hint) => {
    const found = everything.find((f) => f.path === hint.transcriptPath);
    return found ? [found] : null;
  },
  createFold: () => {
    throw new Error('unused');
  },
  hooks: null,
};
const hint = (path: string): SyncHint => ({ agent: 'claude', transcriptPath: path });
const paths = async (plan: ReturnType<typeof planPass>) => (await plan.sources(adapter)).map((f) => f.path);

let dir = '';
let state: SyncState;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devtime-pass-'));
  state = new SyncState(dir);
});
afterEach(() => {
  state.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('planPass', () => {
  const now = 1_800_000_000_000;

  it('a foreground sync lists everything', async () => {
    const plan = planPass(state, ctx, { hints: [hint('/b.jsonl')], overflowed: false }, 'full', now);
    expect(plan.full).toBe(true);
    expect(await paths(plan)).toEqual(['/a.jsonl', '/b.jsonl', '/c.jsonl']);
  });

  it('a hooked pass reads only the named files once the history was listed recently', async () => {
    const taken = { hints: [hint('/b.jsonl')], overflowed: false };
    expect(planPass(state, ctx, taken, 'hinted', now).full).toBe(true); // never listed yet
    state.setLastFullScanMs(now);
    const plan = planPass(state, ctx, taken, 'hinted', now + 1000);
    expect(plan.full).toBe(false);
    expect(await paths(plan)).toEqual(['/b.jsonl']);
  });

  it('keeps reading a recently named session on later passes (its transcript may lag the hook)', async () => {
    state.setLastFullScanMs(now);
    planPass(state, ctx, { hints: [hint('/b.jsonl')], overflowed: false }, 'hinted', now);
    const later = planPass(
      state,
      ctx,
      { hints: [hint('/a.jsonl')], overflowed: false },
      'hinted',
      now + 60_000,
    );
    expect(await paths(later)).toEqual(['/a.jsonl', '/b.jsonl']);
    const muchLater = now + HINT_ACTIVE_MS + 120_000;
    state.setLastFullScanMs(muchLater);
    const expired = planPass(
      state,
      ctx,
      { hints: [hint('/c.jsonl')], overflowed: false },
      'hinted',
      muchLater,
    );
    expect(await paths(expired)).toEqual(['/c.jsonl']);
  });

  it('lists everything when no hook gave a hint, hints overflowed, or the last listing is old', async () => {
    state.setLastFullScanMs(now);
    expect(planPass(state, ctx, { hints: [], overflowed: false }, 'hinted', now).full).toBe(true);
    expect(planPass(state, ctx, { hints: [hint('/b.jsonl')], overflowed: true }, 'hinted', now).full).toBe(
      true,
    );
    const stale = now + FULL_SCAN_EVERY_MS + 1;
    expect(planPass(state, ctx, { hints: [hint('/b.jsonl')], overflowed: false }, 'hinted', stale).full).toBe(
      true,
    );
  });

  it('falls back to the whole history of an agent when one of its hints cannot be resolved', async () => {
    state.setLastFullScanMs(now);
    const plan = planPass(state, ctx, { hints: [hint('/gone.jsonl')], overflowed: false }, 'hinted', now);
    expect(plan.full).toBe(false);
    expect(await paths(plan)).toEqual(['/a.jsonl', '/b.jsonl', '/c.jsonl']);
  });

  it('reads nothing for an agent no hook named', async () => {
    state.setLastFullScanMs(now);
    const codexHint: SyncHint = { agent: 'codex', sessionId: '019a' };
    const plan = planPass(state, ctx, { hints: [codexHint], overflowed: false }, 'hinted', now);
    expect(await paths(plan)).toEqual([]);
  });
});
