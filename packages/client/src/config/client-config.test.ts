import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from './client-config.ts';

const file = parse(`
[api]
endpoint = "http://devtime.example:7070/"
key = "waka_file"

[privacy]
hash_file_paths = true
exclude_projects = ["client-*"]
exclude_files = [".env", "secrets/**"]

[tracking]
heartbeat_interval_seconds = 90
batch_interval_seconds = 30
debounce_ms = 100
`);

describe('resolveClientConfig', () => {
  it('reads [api], [privacy] and [tracking] from config.toml', () => {
    const { config, warnings } = resolveClientConfig(file, {});
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      endpoint: 'http://devtime.example:7070',
      key: 'waka_file',
      keySource: 'config',
      privacy: { hashFilePaths: true, excludeProjects: ['client-*'], excludeFiles: ['.env', 'secrets/**'] },
      tracking: { heartbeatIntervalMs: 90_000, batchIntervalMs: 30_000, debounceMs: 100 },
    });
  });

  it('editor settings beat the environment, which beats the file', () => {
    const env = { DEVTIME_API_URL: 'http://env:1', DEVTIME_API_KEY: 'waka_env' };
    expect(resolveClientConfig(file, env).config).toMatchObject({
      endpoint: 'http://env:1',
      key: 'waka_env',
      keySource: 'env',
    });
    const overrides = { endpoint: 'http://settings:2', excludeFiles: [], batchIntervalSeconds: 5 };
    const { config } = resolveClientConfig(file, env, overrides);
    expect(config).toMatchObject({ endpoint: 'http://settings:2', keySource: 'env' });
    expect(config.privacy.excludeFiles).toEqual([]); // an explicit empty list in the editor wins
    expect(config.tracking.batchIntervalMs).toBe(5_000);
  });

  it('has defaults for an empty file and no key', () => {
    const { config } = resolveClientConfig({}, {});
    expect(config).toMatchObject({
      endpoint: 'http://127.0.0.1:7070',
      key: undefined,
      keySource: 'none',
      privacy: { hashFilePaths: false, excludeProjects: [], excludeFiles: [] },
      tracking: { heartbeatIntervalMs: 120_000, batchIntervalMs: 120_000, debounceMs: 250 },
    });
  });

  it("accepts the plan's names for the privacy keys", () => {
    const plan = parse('[privacy]\nanonymize_file_paths = true\nexclude_file_patterns = ["*.secret"]');
    expect(resolveClientConfig(plan, {}).config.privacy).toMatchObject({
      hashFilePaths: true,
      excludeFiles: ['*.secret'],
    });
  });

  it('falls back with a warning on invalid values instead of failing', () => {
    const bad = parse(
      '[tracking]\ndebounce_ms = 5000\nbatch_interval_seconds = -1\n[privacy]\nexclude_files = ".env"',
    );
    const { config, warnings } = resolveClientConfig(bad, {});
    expect(config.tracking).toMatchObject({ debounceMs: 250, batchIntervalMs: 120_000 });
    expect(config.privacy.excludeFiles).toEqual([]);
    expect(warnings).toHaveLength(3);
  });
});
