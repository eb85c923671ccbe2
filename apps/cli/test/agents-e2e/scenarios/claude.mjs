// Scenario for the Claude mock model server (shared/fixtures/agents/claude/harness/mock-llm.mjs):
// one short `claude -p` session that writes a file and reads it back (3 model calls, 2 tool calls).
// The mock picks a scenario by matching the current user prompt; ctx.cwd is the project directory
// announced through POST /__mock/label.
// The prompt it answers is CLAUDE_PROMPT in ../run-agents.ts.

const NOTES = '# Notes\n\nDevTime end-to-end test project: written by Claude Code against a mock model.\n';

export const scenarios = [
  {
    name: 'e2e-claude-notes',
    agent: 'claude',
    match: /Create notes\.md with a one-line project note/,
    steps: [
      (c) => ({
        text: "I'll write the note first.",
        tools: [{ name: 'Write', input: { file_path: `${c.cwd}/notes.md`, content: NOTES } }],
      }),
      (c) => ({ tools: [{ name: 'Read', input: { file_path: `${c.cwd}/notes.md` } }] }),
      () => ({ text: 'Created `notes.md`; it holds a heading and one line describing the project.' }),
    ],
  },
];
