import { randomBytes, randomUUID } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const anthropicId = (prefix: string) =>
  `${prefix}_01${[...randomBytes(22)].map((b) => BASE62[b % 62]).join('')}`;

/**
 * One new turn for an existing Claude Code session file, as Claude Code would append it: a human prompt
 * (`user` row, string content) and the assistant's answer (`assistant` row with usage), chained to the
 * file's last row, with fresh uuids, message id and request id, stamped `nowMs`. Modelled on the file's
 * own last prompt and last assistant row (same session, cwd, branch, version, model, usage).
 */
export function newTurn(
  fileText: string,
  nowMs: number,
  n: number,
): { lines: string; model: string; usage: Record<string, unknown> } {
  const rows = fileText
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  // A typed prompt: string content, not meta, not a compact summary, not a slash command's echo.
  const prompt = rows.findLast((r) => {
    const content = (r.message as { content?: unknown } | undefined)?.content;
    return (
      r.type === 'user' &&
      typeof content === 'string' &&
      !content.startsWith('<') &&
      !r.isMeta &&
      !r.isCompactSummary &&
      !r.repeatsCompactSummary
    );
  });
  const answer = rows.findLast((r) => r.type === 'assistant' && (r.message as { usage?: unknown })?.usage);
  const lastUuid = rows.findLast((r) => typeof r.uuid === 'string')?.uuid ?? null;
  if (!prompt || !answer) throw new Error('the session has no prompt or no assistant row to model a turn on');
  const user = {
    ...prompt,
    parentUuid: lastUuid,
    promptId: randomUUID(),
    message: { role: 'user', content: `Bench turn ${n}: tighten the error message in the handler.` },
    uuid: randomUUID(),
    timestamp: new Date(nowMs).toISOString(),
  };
  const message = structuredClone(answer.message) as Record<string, unknown>;
  message.id = anthropicId('msg');
  message.content = [{ type: 'text', text: `Done: the handler now says what failed (turn ${n}).` }];
  message.stop_reason = 'end_turn';
  const assistant = {
    ...answer,
    parentUuid: user.uuid,
    message,
    requestId: anthropicId('req'),
    requestRef: randomUUID(),
    uuid: randomUUID(),
    timestamp: new Date(nowMs + 1500).toISOString(),
  };
  const lead = fileText.endsWith('\n') || fileText === '' ? '' : '\n';
  return {
    lines: `${lead}${JSON.stringify(user)}\n${JSON.stringify(assistant)}\n`,
    model: String(message.model),
    usage: message.usage as Record<string, unknown>,
  };
}
