/**
 * Where a Claude Code row keeps its top-level fields: before or after the one big nested value
 * (`message`, `attachment`, `toolUseResult`, a request body). Looking in a head and a tail window first
 * means most rows are classified without scanning their bulk — attachments and request blobs are most
 * of a history's bytes and DevTime needs nothing from them but a timestamp.
 */
const HEAD_BYTES = 1024;
const TAIL_BYTES = 2048;

/** Index of `pattern` in the line, looking in the head, then the tail, then the middle. */
export function locate(line: Buffer, pattern: Buffer): number {
  if (line.length <= HEAD_BYTES + TAIL_BYTES) return line.indexOf(pattern);
  let at = line.subarray(0, HEAD_BYTES).indexOf(pattern);
  if (at !== -1) return at;
  const tailStart = line.length - TAIL_BYTES;
  at = line.indexOf(pattern, tailStart);
  if (at !== -1) return at;
  return line.subarray(0, tailStart + pattern.length - 1).indexOf(pattern, HEAD_BYTES - pattern.length + 1);
}

/** True when the line starts with its `type` (`{"type":"…`): such rows keep their fields in the head. */
function startsWithType(line: Buffer): boolean {
  if (line.length <= TYPE_FIRST.length) return false;
  for (let i = 0; i < TYPE_FIRST.length; i += 1) if (line[i] !== TYPE_FIRST[i]) return false;
  return true;
}

export type ClaudeLineKind = 'assistant' | 'user' | 'cost-state' | 'system' | 'other';

const ASSISTANT = Buffer.from('"type":"assistant"');
const USER = Buffer.from('"type":"user"');
const SYSTEM = Buffer.from('"type":"system"');
const TYPE_FIRST = Buffer.from('{"type":"');
const ATTACHMENT = Buffer.from('"attachment":{');

/**
 * The row's top-level `type`, decided from byte patterns. Rows that start with their type
 * (`api-request*`, `queue-operation`, `cost-state`, …) and attachments are known from their first
 * bytes; message rows from the windows; only a large row matching nothing there is scanned in full.
 */
export function claudeLineKind(line: Buffer): ClaudeLineKind {
  if (startsWithType(line)) {
    const end = line.indexOf(0x22, TYPE_FIRST.length);
    const type = end === -1 ? '' : line.toString('latin1', TYPE_FIRST.length, end);
    return type === 'assistant' || type === 'user' || type === 'system' || type === 'cost-state'
      ? type
      : 'other';
  }
  if (line.length <= HEAD_BYTES + TAIL_BYTES) {
    if (line.includes(USER)) return 'user';
    if (line.includes(ASSISTANT)) return 'assistant';
    return line.includes(SYSTEM) ? 'system' : 'other';
  }
  // Each kind where Claude Code writes it: users and attachments in the head, assistants in the tail.
  const head = line.subarray(0, HEAD_BYTES);
  if (head.includes(USER)) return 'user';
  if (head.includes(ATTACHMENT)) return 'other';
  const tailStart = line.length - TAIL_BYTES;
  if (line.indexOf(ASSISTANT, tailStart) !== -1 || head.includes(ASSISTANT)) return 'assistant';
  if (head.includes(SYSTEM) || line.indexOf(SYSTEM, tailStart) !== -1) return 'system';
  if (line.indexOf(USER, tailStart) !== -1) return 'user';
  if (line.includes(ASSISTANT)) return 'assistant';
  if (line.includes(USER)) return 'user';
  return line.includes(SYSTEM) ? 'system' : 'other';
}
