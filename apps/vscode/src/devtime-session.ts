import {
  type ActivityEvent,
  type ApiClient,
  type Beat,
  buildHeartbeat,
  type ClientConfig,
  type ClientContext,
  type ClientEnv,
  type ClientPaths,
  clientPaths,
  createHeartbeatOutbox,
  createPrivacyFilter,
  createProjectResolver,
  createTodayTotalRefresher,
  createTrackerDriver,
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DiskQueue,
  EditorTracker,
  type FileContext,
  type HeartbeatOutbox,
  type PrivacyFilter,
  type ProjectResolver,
  type QueuedHeartbeat,
  readConfigFile,
  readOrCreateMachineId,
  readOrCreatePrivacyKey,
  resolveClientConfig,
  type Scheduler,
  type TodayTotalRefresher,
  type TrackerDriver,
} from '@devtime/client';
import type * as vscode from 'vscode';
import { clientIdentity } from './client-identity.ts';
import { createFileContextResolver } from './file-context.ts';
import { gitExtensionBranches } from './git-extension.ts';
import type { Log } from './output-log.ts';
import { readSettingsOverrides } from './settings-overrides.ts';
import type { StatusBar } from './status-bar.ts';
import { TrackedDocuments } from './tracked-documents.ts';
import type { VscodeApi } from './vscode-api.ts';

export interface SessionOptions {
  api: VscodeApi;
  context: vscode.ExtensionContext;
  home: string;
  env: ClientEnv;
  scheduler: Scheduler;
  statusBar: StatusBar;
  log: Log;
  extensionVersion: string;
}

const PAUSED_KEY = 'devtime.paused';
/** "Refreshed at most once a minute" (the status bar's total). */
const STATUS_REFRESH_MS = 60_000;

/**
 * Everything a window's tracking needs, wired together: tracker → heartbeats (privacy applied) → disk
 * queue → uploads; the status bar's total. Created synchronously in `activate` with default tracker
 * settings, so no event is missed; config, machine id and keys load right after, off the activation path.
 */
export class DevtimeSession {
  readonly documents = new TrackedDocuments();
  readonly #options: SessionOptions;
  readonly #paths: ClientPaths;
  readonly #projects: ProjectResolver;
  readonly #describe: (key: string) => Promise<FileContext | null>;
  #tracker: EditorTracker;
  #driver: TrackerDriver;
  #config: ClientConfig | null = null;
  #apiClient: ApiClient | null = null;
  #privacy: PrivacyFilter | null = null;
  #client: ClientContext | null = null;
  #queue: DiskQueue<QueuedHeartbeat>;
  #outbox: HeartbeatOutbox | null = null;
  #refresher: TodayTotalRefresher;
  #paused: boolean;
  /** Heartbeats are built and queued in order, one after another, off the event path. */
  #pipeline: Promise<void> = Promise.resolve();
  #ready: Promise<void> | null = null;

  constructor(options: SessionOptions) {
    this.#options = options;
    const { api, scheduler } = options;
    this.#paths = clientPaths(options.home, options.env);
    this.#queue = new DiskQueue<QueuedHeartbeat>({ dir: this.#paths.queueDir });
    this.#projects = createProjectResolver({
      nowMs: () => scheduler.nowMs(),
      branchOf: gitExtensionBranches(api),
    });
    this.#describe = createFileContextResolver(api, this.documents, this.#projects);
    this.#paused = options.context.globalState.get<boolean>(PAUSED_KEY) === true;
    this.#tracker = new EditorTracker({
      debounceMs: DEFAULT_DEBOUNCE_MS,
      heartbeatIntervalMs: DEFAULT_HEARTBEAT_INTERVAL_MS,
      focused: api.window.state.focused,
    });
    this.#driver = createTrackerDriver(this.#tracker, scheduler, (beats) => this.#queueBeats(beats));
    this.#refresher = createTodayTotalRefresher({
      api: () => this.#apiClient,
      scheduler,
      minIntervalMs: STATUS_REFRESH_MS,
      onChange: (total) =>
        total.kind === 'total'
          ? options.statusBar.update({ totalSeconds: total.totalSeconds, failure: null })
          : options.statusBar.update({ failure: total.failure }),
    });
    options.statusBar.update({ paused: this.#paused });
  }

  /** The hot path: one call per editor event. */
  handle(event: ActivityEvent): void {
    if (this.#paused) return;
    this.#driver.handle(event);
    if (event.kind === 'focus') this.#refresher.request();
  }

  /** Loads the configuration (again) and applies it; called after activation and on every change. */
  load(): Promise<void> {
    // One load at a time: a config watcher can fire twice for one save, and each load swaps the outbox.
    const run = (this.#ready ?? Promise.resolve()).then(() =>
      this.#load().catch((error: unknown) => {
        this.#options.log(`could not load the configuration: ${(error as Error).stack ?? error}`);
        this.#options.statusBar.update({ configError: (error as Error).message });
      }),
    );
    this.#ready = run;
    return run;
  }

  get configFile(): string {
    return this.#paths.configFile;
  }

  get config(): ClientConfig | null {
    return this.#config;
  }

  get paused(): boolean {
    return this.#paused;
  }

  async setPaused(paused: boolean): Promise<void> {
    // Activity before the pause is judged and kept; nothing after it is observed.
    if (paused) this.#driver.flush();
    this.#paused = paused;
    await this.#options.context.globalState.update(PAUSED_KEY, paused);
    this.#options.statusBar.update({ paused });
    this.#options.log(paused ? 'tracking paused' : 'tracking resumed');
  }

  /** Resolves once every heartbeat decided so far is in the queue. */
  async settled(): Promise<void> {
    await this.#pipeline;
  }

  /** Uploads what is queued now (used at shutdown and by tests). */
  async deliverNow(): Promise<void> {
    await this.#pipeline;
    await this.#outbox?.deliverNow();
  }

  /** Shutdown: judge the open window, queue it, and try one quick upload. */
  async dispose(): Promise<void> {
    this.#driver.flush();
    this.#driver.dispose();
    this.#refresher.dispose();
    await this.#pipeline;
    const outbox = this.#outbox;
    outbox?.dispose();
    if (outbox)
      await Promise.race([outbox.deliverNow(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }

  async #load(): Promise<void> {
    const { api, log, statusBar, scheduler } = this.#options;
    const file = await readConfigFile(this.#paths.configFile);
    if (!file.ok) throw new Error(file.error);
    const overrides = readSettingsOverrides(api.workspace.getConfiguration('devtime'));
    const { config, warnings } = resolveClientConfig(file.value, this.#options.env, overrides);
    for (const warning of warnings) log(`config: ${warning}`);
    const [machineId, privacyKey] = await Promise.all([
      readOrCreateMachineId(this.#paths.dataDir),
      readOrCreatePrivacyKey(this.#paths.dataDir),
    ]);
    const identity = clientIdentity(api, config, machineId, this.#options.extensionVersion);
    this.#client = identity.client;
    this.#apiClient = identity.apiClient;
    this.#privacy = createPrivacyFilter(config.privacy, privacyKey);
    this.#retuneTracker(config);
    const intervalChanged = this.#config?.tracking.batchIntervalMs !== config.tracking.batchIntervalMs;
    this.#config = config;
    if (!this.#outbox || intervalChanged) {
      this.#outbox?.dispose();
      this.#outbox = createHeartbeatOutbox({
        queue: this.#queue,
        api: () => this.#apiClient,
        scheduler,
        batchIntervalMs: config.tracking.batchIntervalMs,
        log,
        onStatus: (status) => {
          if (status.kind === 'failed') statusBar.update({ failure: status.failure });
          else if (status.kind === 'ok' && statusBar.state.failure) statusBar.update({ failure: null });
        },
        onDelivered: (result) => {
          if (result.status === 'delivered' && result.created > 0) this.#refresher.request();
        },
      });
      this.#outbox.start();
    }
    statusBar.update({ hasKey: config.key !== undefined, endpoint: config.endpoint, configError: null });
    statusBar.setEnabled(api.workspace.getConfiguration('devtime').get<boolean>('statusBar.enabled', true));
    log(
      `tracking ${config.endpoint} as ${this.#client.editor} ${api.version} (key from ${config.keySource}, uploads every ${config.tracking.batchIntervalMs / 1000} s, queue ${this.#paths.queueDir})`,
    );
    this.#refresher.request();
    // Whatever earlier sessions left in the queue goes now rather than in two minutes.
    void this.#outbox.deliverNow();
  }

  /** A new debounce or heartbeat interval needs a new tracker (rare: only when settings change). */
  #retuneTracker(config: ClientConfig): void {
    const current = this.#config?.tracking ?? {
      debounceMs: DEFAULT_DEBOUNCE_MS,
      heartbeatIntervalMs: DEFAULT_HEARTBEAT_INTERVAL_MS,
    };
    if (
      current.debounceMs === config.tracking.debounceMs &&
      current.heartbeatIntervalMs === config.tracking.heartbeatIntervalMs
    ) {
      return;
    }
    this.#driver.flush();
    this.#driver.dispose();
    this.#tracker = new EditorTracker({
      debounceMs: config.tracking.debounceMs,
      heartbeatIntervalMs: config.tracking.heartbeatIntervalMs,
      focused: this.#options.api.window.state.focused,
    });
    this.#driver = createTrackerDriver(this.#tracker, this.#options.scheduler, (beats) =>
      this.#queueBeats(beats),
    );
  }

  #queueBeats(beats: Beat[]): void {
    this.#pipeline = this.#pipeline
      .then(async () => {
        // Beats from before the configuration loaded wait for it (privacy must be known first).
        await this.#ready;
        if (!this.#privacy || !this.#client || !this.#outbox) return;
        const heartbeats = [];
        for (const beat of beats) {
          const file = await this.#describe(beat.file);
          if (!file) continue;
          const heartbeat = buildHeartbeat(beat, file, this.#client, this.#privacy);
          if (heartbeat) heartbeats.push(heartbeat);
        }
        await this.#outbox.enqueue(heartbeats);
      })
      .catch((error: unknown) =>
        this.#options.log(`could not queue a heartbeat: ${(error as Error).message}`),
      );
  }
}
