import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MACHINE_ID_FILE, machineHeaders, readOrCreateMachineId } from './machine-identity.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MODULE = fileURLToPath(new URL('./machine-identity.ts', import.meta.url));

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'devtime-machine-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const silent = { warn: () => {} };

describe('readOrCreateMachineId', () => {
  it('mints a UUIDv4 once, in an owner-only file, creating the data dir', () => {
    const dataDir = join(root, 'nested', '.devtime');
    const id = readOrCreateMachineId(dataDir);
    expect(id).toMatch(UUID_V4);
    const file = join(dataDir, MACHINE_ID_FILE);
    expect(readFileSync(file, 'utf8')).toBe(`${id}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateMachineId(dataDir)).toBe(id);
    expect(readdirSync(dataDir)).toEqual([MACHINE_ID_FILE]);
  });

  it('keeps an existing id across runs, tolerating whitespace and upper case', () => {
    writeFileSync(join(root, MACHINE_ID_FILE), '  3F1F4C1E-9A56-4A4E-9A0E-2B8F2F6A7C11\r\n');
    expect(readOrCreateMachineId(root)).toBe('3f1f4c1e-9a56-4a4e-9a0e-2b8f2f6a7c11');
    expect(readFileSync(join(root, MACHINE_ID_FILE), 'utf8')).toContain('3F1F4C1E');
  });

  it.each([
    ['garbage', 'not a uuid at all'],
    ['empty', ''],
    ['truncated', '3f1f4c1e-9a56-4a4e-9a0e-2b8f'],
    ['binary', '\u0000\u0001\u0002'],
  ])('replaces a corrupt (%s) file with a new id, with a warning', (_label, content) => {
    const file = join(root, MACHINE_ID_FILE);
    writeFileSync(file, content, { mode: 0o644 });
    const warnings: string[] = [];
    const id = readOrCreateMachineId(root, { warn: (message) => warnings.push(message) });
    expect(id).toMatch(UUID_V4);
    expect(warnings).toEqual([expect.stringContaining('does not hold a machine id')]);
    expect(readFileSync(file, 'utf8')).toBe(`${id}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(root)).toEqual([MACHINE_ID_FILE]);
    // Replaced once: the next run reads it quietly.
    expect(readOrCreateMachineId(root, { warn: (message) => warnings.push(message) })).toBe(id);
    expect(warnings).toHaveLength(1);
  });

  // Spawns 24 Node processes: slow on a loaded machine, hence the longer timeout.
  it('gives every one of many concurrent first runs (separate processes) the same id', {
    timeout: 90_000,
  }, async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = join(root, `round-${round}`);
      // Each process loads the module, says it is ready and waits for one shared "go", so their first
      // reads and writes really overlap.
      const script = [
        `const { readOrCreateMachineId } = await import(${JSON.stringify(MODULE)});`,
        `process.stdout.write('ready\\n');`,
        `process.stdin.once('data', () => {`,
        `  process.stdout.write(readOrCreateMachineId(${JSON.stringify(dataDir)}));`,
        `  process.exit(0);`,
        `});`,
      ].join('\n');
      const children = Array.from({ length: 8 }, () => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout.on('data', () => stdout.startsWith('ready\n') && resolve());
          child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
        });
        const result = once(child, 'exit').then(([code]) => {
          expect(stderr).toBe('');
          expect(code).toBe(0);
          return stdout.slice('ready\n'.length);
        });
        return { child, ready, result };
      });
      await Promise.all(children.map((c) => c.ready));
      for (const { child } of children) child.stdin.write('go\n');
      const runs = children.map((c) => c.result);
      const ids = await Promise.all(runs);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(UUID_V4);
      expect(readFileSync(join(dataDir, MACHINE_ID_FILE), 'utf8')).toBe(`${ids[0]}\n`);
      expect(readdirSync(dataDir)).toEqual([MACHINE_ID_FILE]); // no temporary files left behind
    }
  });
});

describe('machineHeaders', () => {
  it('sends the machine id, hostname and platform', () => {
    const headers = machineHeaders(root, {}, silent);
    expect(headers).toEqual({
      'X-Machine-Id': readOrCreateMachineId(root),
      'X-Machine-Name': expect.any(String),
      'X-Machine-Os': process.platform,
    });
    if (/^[\x20-\x7e]*$/.test(hostname())) expect(headers['X-Machine-Name']).toBe(hostname());
  });

  it('takes overrides and percent-encodes a name that is not plain ASCII', () => {
    expect(machineHeaders(root, { id: 'given-id', name: 'Zoë’s Mac', os: 'plan9' })).toEqual({
      'X-Machine-Id': 'given-id',
      'X-Machine-Name': encodeURIComponent('Zoë’s Mac'),
      'X-Machine-Os': 'plan9',
    });
    // Overriding the id never touches the data dir.
    expect(readdirSync(root)).toEqual([]);
  });
});
