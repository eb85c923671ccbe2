import type { AgentSessionRollupInput, ModelUsage } from '@devtime/protocol';
import type { UploadTarget } from './upload-rollups.ts';

export interface VerifyResult {
  local: number;
  matching: number;
  /** `agent/session_id` of sessions the server does not have. */
  missing: string[];
  /** Sessions whose token totals differ, with what differs. */
  different: string[];
}

interface ServerSession {
  agent: string;
  session_id: string;
  models?: ModelUsage[];
}

const FIELDS = ['calls', 'input_tokens', 'output_tokens', 'cache_write_tokens', 'cache_read_tokens'] as const;

/** Compares each local session's per-model token totals with the server's copy. */
export async function verifyAgainstServer(
  target: UploadTarget,
  rollups: AgentSessionRollupInput[],
): Promise<VerifyResult> {
  const result: VerifyResult = { local: rollups.length, matching: 0, missing: [], different: [] };
  if (rollups.length === 0) return result;
  const startMs = Math.min(...rollups.map((r) => r.started_at));
  const endMs = Math.max(...rollups.map((r) => r.ended_at)) + 1;
  const url = new URL('/api/agent/sessions', target.endpoint);
  url.searchParams.set('start', new Date(startMs).toISOString());
  url.searchParams.set('end', new Date(endMs).toISOString());
  url.searchParams.set('include', 'models');
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...target.headers, authorization: `Bearer ${target.key}` },
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new Error(`cannot reach ${target.endpoint}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`the server answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { sessions: ServerSession[] };
  const server = new Map(body.sessions.map((s) => [`${s.agent}/${s.session_id}`, s]));
  for (const rollup of rollups) {
    const id = `${rollup.agent}/${rollup.session_id}`;
    const remote = server.get(id);
    if (!remote) {
      result.missing.push(id);
      continue;
    }
    const difference = compareModels(rollup.models, remote.models ?? []);
    if (difference) result.different.push(`${id}: ${difference}`);
    else result.matching += 1;
  }
  return result;
}

function compareModels(
  local: ModelUsage[] | AgentSessionRollupInput['models'],
  remote: ModelUsage[],
): string | null {
  const remoteByModel = new Map(remote.map((usage) => [usage.model, usage]));
  if (remote.length !== local.length) return `${local.length} models here, ${remote.length} on the server`;
  for (const usage of local) {
    const other = remoteByModel.get(usage.model);
    if (!other) return `${usage.model} missing on the server`;
    for (const field of FIELDS) {
      if (usage[field] !== other[field])
        return `${usage.model} ${field}: ${usage[field]} here, ${other[field]} on the server`;
    }
  }
  return null;
}
