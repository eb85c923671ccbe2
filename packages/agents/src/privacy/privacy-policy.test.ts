import type { AgentSessionRollupInput } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import { createPrivacyFilter, DEFAULT_PRIVACY, keyedPathHash } from './privacy-policy.ts';

const rollup: AgentSessionRollupInput = {
  schema_version: 1,
  agent: 'claude',
  session_id: 's1',
  project: 'Secret-Client',
  started_at: 0,
  ended_at: 1,
  turns: [],
  models: [],
  files: [
    { path: 'src/app.ts', writes: 1 },
    { path: '.env', writes: 1 },
    { path: 'config/secrets/prod.json', reads: 1 },
  ],
};

describe('privacy settings, applied before anything leaves', () => {
  it('leaves a rollup alone by default', () => {
    expect(createPrivacyFilter(DEFAULT_PRIVACY, 'k').apply(rollup)).toEqual(rollup);
  });

  it('drops sessions of excluded projects (globs, case-insensitive)', () => {
    const filter = createPrivacyFilter({ ...DEFAULT_PRIVACY, excludeProjects: ['secret-*'] }, 'k');
    expect(filter.apply(rollup)).toBeNull();
    expect(filter.apply({ ...rollup, project: 'public-site' })).not.toBeNull();
  });

  it('drops excluded files: bare names at any depth, paths as globs', () => {
    const filter = createPrivacyFilter(
      { ...DEFAULT_PRIVACY, excludeFiles: ['.env', 'config/secrets/**'] },
      'k',
    );
    expect(filter.apply(rollup)?.files?.map((file) => file.path)).toEqual(['src/app.ts']);
  });

  it('replaces paths with a keyed hash that depends on the key', () => {
    const filter = createPrivacyFilter({ ...DEFAULT_PRIVACY, hashFilePaths: true }, 'key-1');
    const files = filter.apply(rollup)?.files ?? [];
    expect(files.every((file) => file.path === null && /^[0-9a-f]{32}$/.test(file.path_hash ?? ''))).toBe(
      true,
    );
    expect(JSON.stringify(files)).not.toContain('app.ts');
    expect(files[0]?.path_hash).toBe(keyedPathHash('key-1', 'src/app.ts'));
    expect(keyedPathHash('key-2', 'src/app.ts')).not.toBe(files[0]?.path_hash);
  });
});
