import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MACHINE_ID_PATTERN } from '@devtime/protocol/machine-identity';
import { afterEach, describe, expect, it } from 'vitest';
import { readOrCreatePrivacyKey } from '../privacy/privacy-key.ts';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { machineHeaders, readOrCreateMachineId } from './machine-id.ts';

let remove: () => void = () => {};
afterEach(() => remove());

describe('machine id and privacy key (shared with the CLI)', () => {
  it('mints a UUID once, owner-only, and returns the same one from concurrent first runs', async () => {
    const temp = makeTempDir('machine');
    remove = temp.remove;
    const ids = await Promise.all(Array.from({ length: 8 }, () => readOrCreateMachineId(temp.dir)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(MACHINE_ID_PATTERN);
    expect(readFileSync(join(temp.dir, 'machine-id'), 'utf8').trim()).toBe(ids[0]);
    expect(statSync(join(temp.dir, 'machine-id')).mode & 0o777).toBe(0o600);
  });

  it('replaces a corrupt file, keeps a valid one', async () => {
    const temp = makeTempDir('machine');
    remove = temp.remove;
    writeFileSync(join(temp.dir, 'machine-id'), 'not an id\n');
    const id = await readOrCreateMachineId(temp.dir);
    expect(id).toMatch(MACHINE_ID_PATTERN);
    expect(await readOrCreateMachineId(temp.dir)).toBe(id);
  });

  it('sends ASCII-safe headers', () => {
    expect(machineHeaders('id', 'büro-pc', 'linux')).toEqual({
      'X-Machine-Id': 'id',
      'X-Machine-Name': 'b%C3%BCro-pc',
      'X-Machine-Os': 'linux',
    });
  });

  it('mints the privacy key once and reuses it', async () => {
    const temp = makeTempDir('machine');
    remove = temp.remove;
    const key = await readOrCreatePrivacyKey(temp.dir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await readOrCreatePrivacyKey(temp.dir)).toBe(key);
  });
});
