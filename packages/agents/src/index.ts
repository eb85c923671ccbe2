export type {
  AgentAdapter,
  AgentContext,
  AgentId,
  DedupeIndex,
  Detection,
  FileEdit,
  HistoryFold,
  HookInstaller,
  HookInstallOptions,
  HookState,
  SessionStateStore,
  SourceFile,
  SyncHint,
} from './adapter.ts';
export { claudeAdapter } from './claude/claude-adapter.ts';
export { codexAdapter } from './codex/codex-adapter.ts';
export { compareText } from './common/compare-text.ts';
export { AgentSettingsError } from './common/settings-error.ts';
export { UsageTally } from './common/usage-tally.ts';
export { feedFile } from './engine/feed-file.ts';
export { createMemoryDedupe } from './engine/memory-dedupe.ts';
export {
  createPrivacyFilter,
  DEFAULT_PRIVACY,
  keyedPathHash,
  type PrivacyFilter,
  type PrivacySettings,
} from './privacy/privacy-policy.ts';
export { AGENT_ADAPTERS, adapterById } from './registry.ts';
