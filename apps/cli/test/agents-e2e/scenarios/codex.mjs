// Scenario for the Codex mock model server (shared/fixtures/agents/codex-opencode-harness/mock-server.mjs):
// one short `codex exec` session that adds a file with apply_patch and runs `git status` (3 model calls,
// 2 tool calls). The mock picks a scenario by a substring of the latest user prompt.
// The prompt it answers is CODEX_PROMPT in ../run-agents.ts.

export default [
  {
    id: 'e2e-codex-changelog',
    title: 'Add CHANGELOG.md',
    match: 'Add a CHANGELOG.md with an Unreleased section',
    steps: [
      {
        reasoning: '**Adding a changelog**\n\nA new file with one heading is all that is asked.',
        reasoning_tokens: 64,
        text: "I'll add the changelog.",
        calls: [
          {
            name: 'apply_patch',
            input:
              '*** Begin Patch\n*** Add File: CHANGELOG.md\n+# Changelog\n+\n+## Unreleased\n+\n+- Nothing yet.\n*** End Patch\n',
          },
        ],
      },
      { calls: [{ name: 'exec_command', args: { cmd: 'git status --short', yield_time_ms: 10000 } }] },
      { reasoning_tokens: 16, text: 'Added `CHANGELOG.md`; `git status` shows it as the only new file.' },
    ],
  },
];
