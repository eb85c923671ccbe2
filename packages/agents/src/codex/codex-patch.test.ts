import { describe, expect, it } from 'vitest';
import { countContentLines, countPatch, countStructuredChanges, countUnifiedDiff } from './codex-patch.ts';

describe('apply_patch line counts', () => {
  it('counts an Add by its + lines, an Update by its +/- lines, a Delete by nothing in the patch', () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: a.txt',
      '+one',
      '+',
      '+*** not a marker inside content',
      '*** Update File: b.txt',
      '@@ def f():',
      ' context',
      '-old',
      '+new',
      '+newer',
      '*** End of File',
      '*** Delete File: c.txt',
      '*** End Patch',
    ].join('\n');
    expect(countPatch(patch)).toEqual([
      { path: 'a.txt', added: 3, removed: 0 },
      { path: 'b.txt', added: 2, removed: 1 },
      { path: 'c.txt', added: 0, removed: 0 },
    ]);
  });

  it('names a moved file by its target and reads CRLF patches', () => {
    const patch =
      '*** Begin Patch\r\n*** Update File: old.ts\r\n*** Move to: new.ts\r\n@@\r\n-a\r\n+b\r\n*** End Patch\r\n';
    expect(countPatch(patch)).toEqual([{ path: 'new.ts', added: 1, removed: 1 }]);
  });

  it('counts content lines with or without a final newline', () => {
    expect([
      countContentLines(''),
      countContentLines('a'),
      countContentLines('a\n'),
      countContentLines('a\n\nb\n'),
    ]).toEqual([0, 1, 1, 3]);
  });

  it('counts unified diff lines after the first hunk header only', () => {
    expect(countUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n--- not a header\n')).toEqual({
      added: 1,
      removed: 2,
    });
  });

  it('reads tagged (0.169) and externally tagged (older) structured changes', () => {
    expect(
      countStructuredChanges({
        '/p/add.ts': { type: 'add', content: 'x\ny\n' },
        '/p/del.ts': { delete: { content: 'x\n' } },
        '/p/upd.ts': { type: 'update', unified_diff: '@@ -1 +1 @@\n-a\n+b\n', move_path: '/p/moved.ts' },
        '/p/odd.ts': 'nonsense',
      }),
    ).toEqual([
      { path: '/p/add.ts', added: 2, removed: 0 },
      { path: '/p/del.ts', added: 0, removed: 1 },
      { path: '/p/moved.ts', added: 1, removed: 1 },
    ]);
    expect(countStructuredChanges(null)).toEqual([]);
  });
});
