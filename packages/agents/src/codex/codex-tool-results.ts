/**
 * Exit codes and durations of tool calls, from the records that report them. Output text is only scanned
 * for the exit code line; nothing of it is kept.
 */
const EXIT_LINE = /(?:^|\n)(?:Exit code:|Process exited with code)\s*(-?\d+)/;

/** The exit code a `function_call_output` / `custom_tool_call_output` reports, or null when it shows none. */
export function exitCodeOfOutput(output: unknown): number | null {
  if (typeof output !== 'string') return null;
  // Older Codex wrapped shell output as JSON: {"output": "...", "metadata": {"exit_code": 0, ...}}.
  if (output.startsWith('{')) {
    const metadata = jsonMetadata(output);
    if (metadata && typeof metadata.exit_code === 'number') return metadata.exit_code;
  }
  const match = EXIT_LINE.exec(output.slice(0, 512));
  return match ? Number(match[1]) : null;
}

/** The duration older JSON-wrapped outputs carry in `metadata.duration_seconds`, in ms. */
export function durationOfOutput(output: unknown): number | null {
  if (typeof output !== 'string' || !output.startsWith('{')) return null;
  const seconds = jsonMetadata(output)?.duration_seconds;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : null;
}

function jsonMetadata(output: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(output) as { metadata?: unknown };
    return parsed.metadata && typeof parsed.metadata === 'object'
      ? (parsed.metadata as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const DURATION_TEXT = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;

/** A Rust `Duration` as serde writes it (`{"secs":1,"nanos":5}`), plain ms, or text like `1.5s`, in ms. */
export function durationMs(value: unknown): number | null {
  if (typeof value === 'number' && value >= 0) return value;
  if (typeof value === 'string') {
    const match = DURATION_TEXT.exec(value.trim());
    if (!match) return null;
    const scale = match[2] === 'ms' ? 1 : match[2] === 's' ? 1000 : 60_000;
    return Number(match[1]) * scale;
  }
  if (!value || typeof value !== 'object') return null;
  const { secs, nanos } = value as { secs?: unknown; nanos?: unknown };
  if (typeof secs !== 'number') return null;
  return secs * 1000 + (typeof nanos === 'number' ? nanos / 1e6 : 0);
}

/** Statuses Codex gives a command or patch that did not succeed. */
export function isFailedStatus(status: unknown): boolean {
  return status === 'failed' || status === 'declined' || status === 'rejected';
}
