export {
  type ClientConfig,
  type ConfigOverrides,
  DEFAULT_BATCH_INTERVAL_MS,
  DEFAULT_ENDPOINT,
  type PrivacySettings,
  resolveClientConfig,
  type TrackingSettings,
} from './config/client-config.ts';
export { type ClientEnv, type ClientPaths, clientPaths } from './config/client-paths.ts';
export { type ConfigFileResult, readConfigFile, updateConfigSection } from './config/config-file.ts';
export { formatDuration } from './format/format-duration.ts';
export {
  buildHeartbeat,
  type ClientContext,
  type FileContext,
} from './heartbeat/build-heartbeat.ts';
export { languageName } from './heartbeat/language-names.ts';
export {
  type ApiClient,
  type ApiClientOptions,
  type ApiFailure,
  type ApiResult,
  createApiClient,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type TodayStats,
} from './http/api-client.ts';
export { machineHeaders, readOrCreateMachineId } from './machine/machine-id.ts';
export { type DeliveryResult, deliverQueued } from './outbox/deliver-queued.ts';
export { createHeartbeatOutbox, type HeartbeatOutbox, type OutboxStatus } from './outbox/heartbeat-outbox.ts';
export { heartbeatId, type QueuedHeartbeat, toQueued } from './outbox/queued-heartbeat.ts';
export { createPrivacyFilter, keyedPathHash, type PrivacyFilter } from './privacy/privacy-filter.ts';
export { readOrCreatePrivacyKey } from './privacy/privacy-key.ts';
export { findGitRoot, parseHead, readGitBranch } from './project/git-head.ts';
export { createProjectResolver, type ProjectInfo, type ProjectResolver } from './project/project-resolver.ts';
export { DiskQueue, type DiskQueueOptions, type QueueBatch, type QueuePosition } from './queue/disk-queue.ts';
export {
  createTodayTotalRefresher,
  type TodayTotal,
  type TodayTotalRefresher,
} from './status/today-total.ts';
export type { ActivityEvent, ActivityKind, Beat, TrackedCategory } from './tracker/activity-event.ts';
export {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  EditorTracker,
  type TrackerOptions,
} from './tracker/editor-tracker.ts';
export {
  createTrackerDriver,
  realScheduler,
  type Scheduler,
  type TrackerDriver,
} from './tracker/tracker-driver.ts';
