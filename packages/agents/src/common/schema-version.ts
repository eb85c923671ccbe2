/**
 * The rollup schema version the folds write. A copy of protocol's AGENT_SESSION_SCHEMA_VERSION on
 * purpose: importing protocol's values loads zod, which costs `devtime sync` ~65 ms per run
 * (a test keeps the two equal).
 */
export const ROLLUP_SCHEMA_VERSION = 1 as const;
