import { describe, expect, it } from 'vitest';
import { categoryOf, heartbeatSchema, isIdle } from './heartbeat.ts';

describe('heartbeat schema', () => {
  it("accepts the plan's example and WakaTime's extra fields, dropping unknown ones", () => {
    const parsed = heartbeatSchema.parse({
      tool: 'vscode',
      timestamp: 1705600000000,
      activity_type: 'coding',
      project: 'my-app',
      file: 'src/index.ts',
      language: 'typescript',
      is_write: true,
      dependencies: ['react'],
      lineno: 42,
      cursorpos: 12,
      line_additions: 3,
      ai_line_changes: 2,
      lines_in_file: 100,
    });
    expect(parsed.project).toBe('my-app');
    expect(parsed).not.toHaveProperty('lines_in_file');
  });

  it('names the field that is wrong', () => {
    const result = heartbeatSchema.safeParse({ tool: 'VS Code', timestamp: -1 });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tool', 'timestamp']));
  });

  it('folds activity_type and category into one category; an explicit category wins', () => {
    expect(categoryOf({ activity_type: 'debugging' })).toBe('debugging');
    expect(categoryOf({ activity_type: 'debugging', category: 'building' })).toBe('building');
    expect(categoryOf({})).toBe('coding');
    expect(isIdle({ activity_type: 'idle' })).toBe(true);
  });
});
