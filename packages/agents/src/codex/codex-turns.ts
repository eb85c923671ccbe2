import type { CodexSessionState, TurnState } from './codex-session-state.ts';
import { addCall, type CodexUsage, emptySum } from './codex-usage.ts';

/**
 * Turns: one per real prompt, from the prompt to the last line before the next prompt or the task's end.
 * Usage that arrives with no open turn (before the first prompt, or a file without prompts) opens a turn
 * without a prompt, so per-turn usage always adds up to the session's.
 */
export function currentTurn(state: CodexSessionState): TurnState | undefined {
  return state.turns[state.turns.length - 1];
}

/** Every timed line widens the session and extends the open turn. */
export function touchTime(state: CodexSessionState, ms: number): void {
  state.startMs = state.startMs === null ? ms : Math.min(state.startMs, ms);
  state.endMs = state.endMs === null ? ms : Math.max(state.endMs, ms);
  const turn = currentTurn(state);
  if (turn && !turn.closed) turn.end = Math.max(turn.end, ms);
}

export function startTask(state: CodexSessionState, ms: number | null): void {
  state.taskStartMs = ms;
}

export function addPrompt(state: CodexSessionState, ms: number, chars: number, via: 'event' | 'item'): void {
  const turn = currentTurn(state);
  if (turn && !turn.closed) {
    // Some versions write the prompt both as a user_message event and as a UserMessage item.
    const echoed = turn.via !== null && turn.via !== via && turn.chars === chars && !hasUsage(turn);
    if (echoed) return;
    // Usage came first in this task (e.g. a compaction before the prompt): the prompt is that turn's.
    if (turn.via === null && turn.chars === null) {
      turn.chars = chars;
      turn.via = via;
      return;
    }
  }
  state.turns.push({ start: ms, end: ms, chars, via, closed: false, models: {} });
  state.taskStartMs = null;
}

/** task_complete / turn_aborted: later lines (the next task's setup) no longer extend the turn. */
export function closeTurn(state: CodexSessionState, ms: number | null): void {
  const turn = currentTurn(state);
  if (!turn || turn.closed) return;
  if (ms !== null) turn.end = Math.max(turn.end, ms);
  turn.closed = true;
  state.taskStartMs = null;
}

export function addUsage(
  state: CodexSessionState,
  ms: number | null,
  model: string,
  usage: CodexUsage,
): void {
  let turn = currentTurn(state);
  if (!turn || turn.closed) {
    const start = state.taskStartMs ?? ms ?? state.endMs;
    // Usage that cannot be placed in time cannot be placed in a turn (the rollup would be invalid).
    if (start === null) return;
    turn = { start, end: Math.max(start, ms ?? start), chars: null, via: null, closed: false, models: {} };
    state.turns.push(turn);
  } else if (ms !== null) {
    turn.end = Math.max(turn.end, ms);
  }
  const sum = turn.models[model] ?? emptySum();
  addCall(sum, usage);
  turn.models[model] = sum;
}

function hasUsage(turn: TurnState): boolean {
  return Object.values(turn.models).some((sum) => sum.calls > 0);
}
