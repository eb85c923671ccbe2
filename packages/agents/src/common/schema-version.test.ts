import { AGENT_SESSION_SCHEMA_VERSION } from '@devtime/protocol';
import { expect, it } from 'vitest';
import { ROLLUP_SCHEMA_VERSION } from './schema-version.ts';

it('writes the rollup schema version the server validates', () => {
  expect(ROLLUP_SCHEMA_VERSION).toBe(AGENT_SESSION_SCHEMA_VERSION);
});
