import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HINTS_MAX_BYTES } from '../hook/fast-hook.cjs';
import { parseHint, takeHints } from './sync-hints.ts';

const AGENTS = new Set(['claude', 'codex']);
let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'devtime-hints-'));
  mkdirSync(join(dataDir, 'agents'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
const hintsFile = () => join(dataDir, 'agents/sync.hints');

describe('takeHints', () => {
  it('takes what hooks appended, once, skipping torn, foreign and unknown-agent lines', () => {
    writeFileSync(
      hintsFile(),
      [
        '{"agent":"claude","transcriptPath":"/h/.claude/projects/p/s.jsonl","sessionId":"s"}',
        '{"agent":"codex","sessionId":"019a"}',
        '{"agent":"vim","sessionId":"x"}',
        '{"agent":"claude"}',
        '{"agent":"claude","transcriptPa',
        'not json',
        '',
      ].join('\n'),
    );
    expect(takeHints(dataDir, AGENTS)).toEqual({
      hints: [
        { agent: 'claude', transcriptPath: '/h/.claude/projects/p/s.jsonl', sessionId: 's' },
        { agent: 'codex', sessionId: '019a' },
      ],
      overflowed: false,
    });
    expect(existsSync(hintsFile())).toBe(false);
    expect(takeHints(dataDir, AGENTS)).toEqual({ hints: [], overflowed: false });
  });

  it('reads again what a crashed pass had taken but not finished', () => {
    writeFileSync(`${hintsFile()}.taken`, '{"agent":"codex","sessionId":"a"}\n');
    writeFileSync(hintsFile(), '{"agent":"codex","sessionId":"b"}\n');
    expect(takeHints(dataDir, AGENTS).hints.map((hint) => hint.sessionId)).toEqual(['a', 'b']);
  });

  it('says when hooks stopped recording because the file reached its cap', () => {
    const line = '{"agent":"codex","sessionId":"019a"}\n';
    writeFileSync(hintsFile(), line.repeat(Math.ceil(HINTS_MAX_BYTES / line.length)));
    expect(takeHints(dataDir, AGENTS).overflowed).toBe(true);
  });
});

describe('parseHint', () => {
  it('keeps only the agent, the transcript path and the session id', () => {
    expect(
      parseHint('{"agent":"claude","sessionId":"s","prompt":"secret","transcriptPath":""}', AGENTS),
    ).toEqual({ agent: 'claude', sessionId: 's' });
  });
});
