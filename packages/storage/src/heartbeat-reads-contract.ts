import { MINUTE_MS } from '@devtime/core';
import { describe, expect, it } from 'vitest';
import type { HeartbeatCursor, HeartbeatPageQuery, HeartbeatRow, Store } from './store.ts';
import { ALL_TIME, BASE_MS, heartbeat, newUser } from './store-fixtures.ts';

const minutes = (count: number) => BASE_MS + count * MINUTE_MS;

/** Every page from the first on, concatenated, checking that no page is over-long. */
async function readAllPages(
  store: Store,
  userId: string,
  query: Omit<HeartbeatPageQuery, 'after'>,
): Promise<{ rows: HeartbeatRow[]; pages: number }> {
  const rows: HeartbeatRow[] = [];
  let after: HeartbeatCursor | null = null;
  let pages = 0;
  do {
    const page = await store.readHeartbeatPage(userId, { ...query, after });
    expect(page.heartbeats.length).toBeLessThanOrEqual(query.limit);
    rows.push(...page.heartbeats);
    after = page.next;
    pages += 1;
  } while (after !== null && pages < 1000);
  return { rows, pages };
}

/** (time, tool, hash) order; hashes are hex, so code-unit order is every collation's order. */
const byTimeToolHash = (a: HeartbeatRow, b: HeartbeatRow) =>
  a.timeMs - b.timeMs ||
  (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0) ||
  (a.dedupeHash < b.dedupeHash ? -1 : a.dedupeHash > b.dedupeHash ? 1 : 0);

/** Reads of raw heartbeats: per-file figures of a project and keyset pages for exports. */
export function defineHeartbeatReadsContract(getStore: () => Store): void {
  describe('heartbeat files of a project', () => {
    it('counts heartbeats and writes per file across tools, within the range, newest breaking ties', async () => {
      const store = getStore();
      const user = await store.createUser(newUser());
      const other = await store.createUser(newUser());
      const file = (path: string, language: string | null = 'TypeScript') => ({
        entity: path,
        language,
      });
      await store.insertHeartbeats(user.id, [
        heartbeat(minutes(0), { ...file('src/a.ts'), isWrite: true }), // at fromMs: included
        heartbeat(minutes(1), file('src/a.ts')),
        heartbeat(minutes(2), { ...file('src/a.ts'), tool: 'vim', isWrite: true }),
        heartbeat(minutes(3), { ...file('src/a.ts'), idle: true }), // idle: not activity
        heartbeat(minutes(4), file('src/b.go', 'Go')),
        heartbeat(minutes(5), { ...file('src/b.go', null), tool: 'vim' }),
        heartbeat(minutes(6), file('src/c.ts')),
        heartbeat(minutes(7), { ...file('example.com'), entityType: 'domain' }),
        heartbeat(minutes(8), { ...file('src/other.ts'), project: 'other' }),
        heartbeat(minutes(9), { ...file(''), entity: null, entityType: null }),
        heartbeat(minutes(10), file('src/late.ts')), // at toMs: excluded
        heartbeat(minutes(-1), file('src/early.ts')), // before fromMs: excluded
      ]);
      // Another user's heartbeats on the same project and path never count.
      await store.insertHeartbeats(other.id, [
        heartbeat(minutes(1), { ...file('src/a.ts'), isWrite: true }),
        heartbeat(minutes(2), file('src/secret.ts')),
      ]);
      const query = { fromMs: minutes(0), toMs: minutes(10), project: 'devtime' };
      expect(await store.listHeartbeatFiles(user.id, query)).toEqual([
        {
          path: 'src/a.ts',
          language: 'TypeScript',
          heartbeats: 3,
          writes: 2,
          firstMs: minutes(0),
          lastMs: minutes(2),
        },
        {
          path: 'src/b.go',
          language: 'Go',
          heartbeats: 2,
          writes: 0,
          firstMs: minutes(4),
          lastMs: minutes(5),
        },
        {
          path: 'src/c.ts',
          language: 'TypeScript',
          heartbeats: 1,
          writes: 0,
          firstMs: minutes(6),
          lastMs: minutes(6),
        },
      ]);
      expect((await store.listHeartbeatFiles(user.id, { ...query, limit: 1 })).map((f) => f.path)).toEqual([
        'src/a.ts',
      ]);
      expect(
        (await store.listHeartbeatFiles(user.id, { ...query, project: 'other' })).map((f) => f.path),
      ).toEqual(['src/other.ts']);
      expect(
        (await store.listHeartbeatFiles(user.id, { ...query, fromMs: minutes(4), toMs: minutes(6) })).map(
          (f) => [f.path, f.heartbeats],
        ),
      ).toEqual([['src/b.go', 2]]);
      expect(await store.listHeartbeatFiles(other.id, { ...query, project: 'other' })).toEqual([]);
      expect((await store.listHeartbeatFiles(other.id, query)).map((f) => [f.path, f.writes])).toEqual([
        ['src/secret.ts', 0],
        ['src/a.ts', 1],
      ]);
      const nobody = await store.createUser(newUser());
      expect(await store.listHeartbeatFiles(nobody.id, query)).toEqual([]);
    });
  });

  describe('heartbeat pages', () => {
    it('pages through every heartbeat once, in (time, tool, hash) order, as stored', async () => {
      const store = getStore();
      const user = await store.createUser(newUser());
      const rows: HeartbeatRow[] = [];
      // Three tools at shared instants, several rows of one tool at one instant, idle rows, and values
      // in every column kind (flags, JSON, nulls).
      for (let i = 0; i < 17; i++) {
        for (const tool of ['zed', 'vscode', 'claude-code']) {
          if ((i + tool.length) % 4 === 0) continue;
          rows.push(
            heartbeat(minutes(i % 6), {
              tool,
              entity: `src/${tool}-${i}.ts`,
              idle: i % 5 === 0,
              isWrite: i % 3 === 0,
              dependencies: i % 2 ? null : ['kysely', `dep-${i}`],
              lines: i % 4 ? null : i,
            }),
          );
        }
      }
      await store.insertHeartbeats(user.id, rows);
      const expected = [...rows].sort(byTimeToolHash);
      for (const limit of [1, 4, 7, rows.length, rows.length + 5]) {
        const { rows: read, pages } = await readAllPages(store, user.id, { ...ALL_TIME, limit });
        expect(read).toEqual(expected);
        expect(pages).toBeLessThanOrEqual(Math.floor(rows.length / limit) + 1);
      }
    });

    it('keeps to the range, the tool and the project, and never to another user', async () => {
      const store = getStore();
      const user = await store.createUser(newUser());
      const other = await store.createUser(newUser());
      const mine = [
        heartbeat(minutes(0)),
        heartbeat(minutes(1), { tool: 'vim' }),
        heartbeat(minutes(2), { project: 'other' }),
        heartbeat(minutes(3)),
      ];
      await store.insertHeartbeats(user.id, mine);
      await store.insertHeartbeats(other.id, [
        heartbeat(minutes(1), { entity: 'src/secret.ts' }),
        heartbeat(minutes(2), { tool: 'neovim', entity: 'src/secret.ts' }),
      ]);
      const read = async (query: Partial<HeartbeatPageQuery>, userId = user.id) =>
        (await readAllPages(store, userId, { fromMs: minutes(0), toMs: minutes(3), limit: 2, ...query }))
          .rows;
      expect(await read({})).toEqual(mine.slice(0, 3));
      expect(await read({ fromMs: minutes(1), toMs: minutes(4) })).toEqual(mine.slice(1));
      expect(await read({ tool: 'vim' })).toEqual([mine[1]]);
      expect(await read({ project: 'other' })).toEqual([mine[2]]);
      expect((await read({}, other.id)).map((row) => row.entity)).toEqual(['src/secret.ts', 'src/secret.ts']);
      expect(
        await store.readHeartbeatPage(user.id, { ...ALL_TIME, tool: 'neovim', after: null, limit: 10 }),
      ).toEqual({ heartbeats: [], next: null });
      const nobody = await store.createUser(newUser());
      expect(await store.readHeartbeatPage(nobody.id, { ...ALL_TIME, after: null, limit: 10 })).toEqual({
        heartbeats: [],
        next: null,
      });
    });
  });
}
