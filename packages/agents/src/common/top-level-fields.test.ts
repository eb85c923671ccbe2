import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTable, scanTopLevel, TopLevelFields } from './top-level-fields.ts';

const NAMES = ['type', 'sessionId', 'timestamp', 'cwd', 'message', 'isSidechain', 'n', 'tail'];
const table = fieldTable(NAMES);

/** Every field the walks report must be exactly what JSON.parse sees; a complete walk misses nothing. */
function checkAgainstParse(text: string): TopLevelFields {
  const line = Buffer.from(text);
  const fields = new TopLevelFields(table);
  scanTopLevel(line, 0, line.length, fields);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  NAMES.forEach((name, id) => {
    const start = fields.valueStart[id] as number;
    const end = fields.valueEnd[id] as number;
    if (start !== -1 && end !== -1) {
      expect(JSON.parse(line.toString('utf8', start, end)), name).toEqual(parsed[name]);
      if (typeof parsed[name] === 'string') expect(fields.string(line, id)).toBe(parsed[name]);
    } else if (start !== -1) {
      // Only the start of a nested value is known: it must be where that value begins.
      expect(['{', '['], name).toContain(text[line.subarray(0, start).toString().length]);
    }
    if (fields.complete && name in parsed && typeof parsed[name] !== 'object') {
      expect(fields.has(id), `${name} missed in a complete walk`).toBe(true);
    }
  });
  expect(fields.middleStart).toBeLessThanOrEqual(fields.middleEnd);
  return fields;
}

const unit = fc.constantFrom('a', '"', '\\', '/', 'é', '😀', ':', ',', '{', '}', '\n', ' ');
const jsonText = fc.string({ unit });
// Long enough to leave the JS loop for native indexOf / lastIndexOf jumps over quotes.
const longText = fc.string({ unit, minLength: 90, maxLength: 400 });
const scalar = fc.oneof(
  jsonText,
  longText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const nested = fc.oneof(
  fc.dictionary(fc.constantFrom(...NAMES, 'x'), scalar),
  fc.array(fc.oneof(scalar, fc.dictionary(fc.constantFrom('timestamp', 'y'), scalar))),
);
const member = fc.tuple(fc.constantFrom(...NAMES, 'other', 'a"b', 'ü'), fc.oneof(scalar, scalar, nested));

describe('scanTopLevel', () => {
  it('agrees with JSON.parse on arbitrary objects', () => {
    fc.assert(
      fc.property(fc.uniqueArray(member, { selector: ([key]) => key, maxLength: 12 }), (members) => {
        checkAgainstParse(JSON.stringify(Object.fromEntries(members)));
      }),
      { numRuns: 3000 },
    );
  });

  it('walks a whole flat object and stops at nested or long values from both sides', () => {
    const flat = checkAgainstParse('{"type":"user","n":12,"isSidechain":true,"sessionId":"s-1"}');
    expect(flat.complete).toBe(true);
    const long = 'x'.repeat(20_000);
    const text = `{"type":"a","message":{"timestamp":"nested"},"mid":"${long}","timestamp":"t","cwd":"/p"}`;
    const fields = checkAgainstParse(text);
    expect(fields.complete).toBe(false);
    expect(fields.string(Buffer.from(text), table.names.indexOf('timestamp'))).toBe('t');
    // The walks stop at the nested message and at the long string: the middle is everything between.
    expect(fields.middleStart).toBe(text.indexOf('"message"'));
    expect(fields.middleEnd).toBe(text.indexOf(',"timestamp":"t"'));
  });

  it('reads escaped and non-ASCII string values by decoding them', () => {
    const fields = checkAgainstParse(String.raw`{"cwd":"/home/zoë/\"quoted\" dir\\","type":"x"}`);
    expect(fields.string(Buffer.from(String.raw`{"cwd":"/home/zoë/\"quoted\" dir\\","type":"x"}`), 3)).toBe(
      '/home/zoë/"quoted" dir\\',
    );
  });

  it('gives up on what is not one compact object', () => {
    for (const text of ['[1,2]', '{"a": 1}', '{"type":"x"', 'null', '{}']) {
      const line = Buffer.from(text);
      const fields = new TopLevelFields(table);
      scanTopLevel(line, 0, line.length, fields);
      expect(fields.has(0)).toBe(false);
    }
  });

  it('agrees with JSON.parse on every line of the recorded Claude Code and Codex histories', () => {
    const root = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'agents');
    let lines = 0;
    for (const agent of ['claude', 'codex']) {
      for (const file of readdirSync(join(root, agent), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.jsonl')) continue;
        for (const text of readFileSync(join(root, agent, file), 'utf8').split('\n')) {
          if (!text.startsWith('{')) continue;
          try {
            JSON.parse(text);
          } catch {
            continue;
          }
          checkAgainstParse(text);
          lines += 1;
        }
      }
    }
    expect(lines).toBeGreaterThan(500);
  });
});
