/**
 * Telling the user's real prompts from context Codex injects as user messages (AGENTS.md, environment
 * context, instructions). Only lengths leave this module.
 */
const INJECTED_PREFIXES = [
  '<environment_context>',
  '<user_instructions>',
  '<user_shell_command>',
  '<turn_aborted>',
  '# AGENTS.md instructions for ',
];

/** Older `user_message` events tag injected messages with a kind; anything but plain text is not a prompt. */
const PROMPT_KINDS = new Set(['plain', 'user']);

function isInjected(text: string): boolean {
  const start = text.trimStart();
  return INJECTED_PREFIXES.some((prefix) => start.startsWith(prefix));
}

/** `event_msg` `user_message`: the prompt length, or null when it is injected context. */
export function userMessageChars(payload: Record<string, unknown>): number | null {
  if (typeof payload.message !== 'string') return null;
  if (typeof payload.kind === 'string' && !PROMPT_KINDS.has(payload.kind)) return null;
  return isInjected(payload.message) ? null : payload.message.length;
}

/** `item_completed` `UserMessage` (Codex ≥ 0.1xx): text parts joined, null when injected or empty. */
export function userItemChars(item: Record<string, unknown>): number | null {
  if (!Array.isArray(item.content)) return null;
  const texts = item.content
    .map((part) => (part && typeof part === 'object' ? (part as Record<string, unknown>).text : null))
    .filter((text): text is string => typeof text === 'string');
  if (texts.length === 0) return null;
  const text = texts.join('\n');
  return isInjected(text) ? null : text.length;
}
