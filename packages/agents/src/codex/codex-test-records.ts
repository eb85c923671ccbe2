/** Test-only builders of synthetic rollout records, in the shape Codex 0.169 writes them. */
export interface Tokens {
  input: number;
  cached?: number;
  output: number;
  reasoning?: number;
}

export const T0 = Date.parse('2026-03-01T10:00:00.000Z');

export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

function usage(t: Tokens) {
  return {
    input_tokens: t.input,
    cached_input_tokens: t.cached ?? 0,
    output_tokens: t.output,
    reasoning_output_tokens: t.reasoning ?? 0,
    total_tokens: t.input + t.output,
  };
}

export function meta(id: string, seconds: number, extra: Record<string, unknown> = {}) {
  return {
    timestamp: at(seconds),
    type: 'session_meta',
    payload: {
      id,
      cwd: '/work/app',
      cli_version: '0.169.0',
      model_provider: 'openai',
      git: { branch: 'main' },
      ...extra,
    },
  };
}

export function turnContext(seconds: number, model = 'gpt-5.5', cwd = '/work/app') {
  return { timestamp: at(seconds), type: 'turn_context', payload: { model, cwd } };
}

export function event(seconds: number, payload: Record<string, unknown>) {
  return { timestamp: at(seconds), type: 'event_msg', payload };
}

export function item(seconds: number, payload: Record<string, unknown>) {
  return { timestamp: at(seconds), type: 'response_item', payload };
}

export const taskStarted = (seconds: number) => event(seconds, { type: 'task_started' });
export const taskComplete = (seconds: number) => event(seconds, { type: 'task_complete' });
export const userMessage = (seconds: number, message: string, kind?: string) =>
  event(seconds, { type: 'user_message', message, ...(kind ? { kind } : {}) });
export const userItem = (seconds: number, id: string, text: string) =>
  event(seconds, {
    type: 'item_completed',
    item: { type: 'UserMessage', id, content: [{ type: 'text', text }] },
  });

/** A token_count event; pass null to leave out `total_token_usage` or `last_token_usage`. */
export function tokenCount(seconds: number, total: Tokens | null, last: Tokens | null) {
  return event(seconds, {
    type: 'token_count',
    info: {
      ...(total ? { total_token_usage: usage(total) } : {}),
      ...(last ? { last_token_usage: usage(last) } : {}),
    },
    rate_limits: null,
  });
}

/** A minimal session: meta, a task with one prompt, then the given records. */
export function session(id: string, ...records: unknown[]): unknown[] {
  return [meta(id, 0), taskStarted(1), turnContext(1), userMessage(2, 'do the thing'), ...records];
}
