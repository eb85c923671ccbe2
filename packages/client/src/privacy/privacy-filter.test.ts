import { describe, expect, it } from 'vitest';
import { createPrivacyFilter, keyedPathHash } from './privacy-filter.ts';

const KEY = 'a'.repeat(64);

describe('createPrivacyFilter', () => {
  const filter = createPrivacyFilter(
    { hashFilePaths: false, excludeProjects: ['client-*'], excludeFiles: ['.env', 'secrets/**', '*.pem'] },
    KEY,
  );

  it('excludes projects by glob, case-insensitively', () => {
    expect(filter({ project: 'Client-Acme', path: 'src/a.ts' })).toEqual({ keep: false, reason: 'project' });
    expect(filter({ project: 'devtime', path: 'src/a.ts' })).toEqual({ keep: true, file: 'src/a.ts' });
  });

  it('excludes files: bare names at any depth, paths from the project root, dotfiles included', () => {
    for (const path of ['.env', 'config/.env', 'secrets/db/password.txt', 'certs/server.pem']) {
      expect(filter({ project: 'p', path })).toEqual({ keep: false, reason: 'file' });
    }
    expect(filter({ project: 'p', path: 'src/secrets/readme.md' }).keep).toBe(true);
  });

  it('hashes paths with the machine key when asked, stable and keyed', () => {
    const hashing = createPrivacyFilter({ hashFilePaths: true, excludeProjects: [], excludeFiles: [] }, KEY);
    const decision = hashing({ project: 'p', path: 'src/a.ts' });
    expect(decision).toEqual({ keep: true, file: keyedPathHash(KEY, 'src/a.ts') });
    expect(decision.keep && decision.file).toMatch(/^[0-9a-f]{32}$/);
    expect(keyedPathHash('b'.repeat(64), 'src/a.ts')).not.toBe(keyedPathHash(KEY, 'src/a.ts'));
  });
});
