import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServerSettings } from './server-settings.ts';

describe('server settings: prices_file', () => {
  let dir: string;
  let valid: string;
  let other: string;
  let invalid: string;
  const prices = {
    as_of: '2027-01-01',
    models: { m: { input: 1, output: 2, cache_write_5m: 1, cache_read: 0.1 } },
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'devtime-settings-'));
    valid = join(dir, 'prices.json');
    other = join(dir, 'other.json');
    invalid = join(dir, 'invalid.json');
    writeFileSync(valid, JSON.stringify(prices));
    writeFileSync(other, JSON.stringify(prices));
    writeFileSync(invalid, JSON.stringify({ ...prices, as_of: 'soon' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const resolve = (
    flags: { pricesFile?: string },
    env: Record<string, string>,
    server: Record<string, string> = {},
  ) => resolveServerSettings(flags, env, { server });

  it('is unset by default', () => {
    const settings = resolve({}, {});
    expect(settings.ok && settings.value.api.pricesFile).toBeUndefined();
  });

  it('comes from the flag, else DEVTIME_PRICES_FILE, else [server] prices_file', () => {
    const pricesFile = (result: ReturnType<typeof resolve>) =>
      result.ok ? result.value.api.pricesFile : result.error;
    expect(pricesFile(resolve({ pricesFile: valid }, { DEVTIME_PRICES_FILE: other }))).toBe(valid);
    expect(pricesFile(resolve({}, { DEVTIME_PRICES_FILE: other }, { prices_file: valid }))).toBe(other);
    expect(pricesFile(resolve({}, {}, { prices_file: valid }))).toBe(valid);
  });

  it('stops startup with the reason when the file is missing or invalid', () => {
    const missing = resolve({}, { DEVTIME_PRICES_FILE: join(dir, 'missing.json') });
    expect(missing.ok ? 'ok' : missing.error).toMatch(/^prices_file: cannot read .*missing\.json: ENOENT/);
    const bad = resolve({ pricesFile: invalid }, {});
    expect(bad.ok ? 'ok' : bad.error).toMatch(
      /^prices_file .*invalid\.json is invalid: as_of must be a date/,
    );
  });
});
