import { heartbeatSchema } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import { normalizeHeartbeat } from './normalize-heartbeat.ts';

const base = heartbeatSchema.parse({
  tool: 'vscode',
  timestamp: 1_773_133_200_123.6,
  project: 'alpha',
  file: 'src/a.ts',
  language: 'TypeScript',
  is_write: true,
  dependencies: ['react', 'zod'],
});
const normalize = (fields: Record<string, unknown>, receivedAtMs = 1) =>
  normalizeHeartbeat(heartbeatSchema.parse({ ...base, ...fields }), { machineId: null, receivedAtMs });

describe('normalizeHeartbeat', () => {
  it('rounds to whole ms, folds blanks into null and defaults the category', () => {
    const row = normalize({ branch: '  ', activity_type: 'debugging' });
    expect(row).toMatchObject({
      timeMs: 1_773_133_200_124,
      branch: null,
      category: 'debugging',
      entityType: 'file',
    });
  });

  it('gives the same content the same hash whenever it arrives, and any change a different one', () => {
    const hash = normalize({}, 1).dedupeHash;
    expect(normalize({}, 999).dedupeHash).toBe(hash);
    const variants = [
      { project: 'beta' },
      { file: 'src/b.ts' },
      { is_write: false },
      { lineno: 3 },
      { dependencies: ['react'] },
      { dependencies: ['reactzod'] },
      { branch: 'main' },
      { category: 'debugging' },
    ];
    const hashes = new Set(variants.map((fields) => normalize(fields).dedupeHash));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(hash)).toBe(false);
  });

  it('takes the machine from the heartbeat, else from the request header', () => {
    expect(normalizeHeartbeat(base, { machineId: 'from-header', receivedAtMs: 1 }).machineId).toBe(
      'from-header',
    );
    const own = heartbeatSchema.parse({ ...base, machine_id: 'own' });
    expect(normalizeHeartbeat(own, { machineId: 'from-header', receivedAtMs: 1 }).machineId).toBe('own');
  });
});
