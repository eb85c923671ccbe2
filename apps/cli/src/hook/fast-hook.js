// @ts-check
/**
 * `devtime hook --agent <id>`: what the agents' hooks run, on every prompt and turn end. Plain
 * JavaScript with Node built-ins only, on purpose: type stripping and loading the CLI would cost a hook
 * 50–100 ms, this costs ~1 ms over `node -e 0` (bench/agents/hook.bench.ts). It never parses history and
 * never talks to the server: it marks that a sync is wanted and starts a detached background sync
 * unless one is running. It reads the event only to drain it and never stores it (the event holds the
 * prompt text). Whatever happens, it exits 0: a tracker must never fail or block the agent.
 */
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const STDIN_WAIT_MS = 1000;

/** @param {string[]} args @param {NodeJS.ProcessEnv} env */
export async function runHook(args, env) {
  try {
    const chain = valueAfter(args, '--chain');
    const last = args.at(-1);
    // Codex `notify` passes its event as the last argument; hooks write theirs on stdin.
    const notifyEvent = last?.startsWith('{') ? last : null;
    if (!notifyEvent) await drainStdin();
    if (chain && notifyEvent) runChained(chain, notifyEvent, env);

    const dataDir = env.DEVTIME_DATA_DIR || join(homedir(), '.devtime');
    const agentsDir = join(dataDir, 'agents');
    mkdirSync(agentsDir, { recursive: true, mode: 0o700 });
    touch(join(agentsDir, 'sync.pending'));
    // Pending first, lock second: a sync that is just finishing looks at pending after releasing the
    // lock, so one of the two always notices this event.
    if (!isLockHeld(join(agentsDir, 'sync.lock'))) startBackgroundSync(env);
  } catch (error) {
    if (env.DEVTIME_DEBUG) process.stderr.write(`devtime hook: ${/** @type {Error} */ (error).message}\n`);
  }
  process.exitCode = 0;
}

/** @param {string[]} args @param {string} flag */
function valueAfter(args, flag) {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
}

/** Reads stdin to its end (so the agent's write never fails) and forgets it; gives up after a second. */
function drainStdin() {
  try {
    const stat = fstatSync(0);
    if (!stat.isFIFO() && !stat.isFile() && !stat.isSocket()) return Promise.resolve();
  } catch {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, STDIN_WAIT_MS);
    function done() {
      clearTimeout(timer);
      process.stdin.removeAllListeners();
      process.stdin.destroy();
      resolve(undefined);
    }
    process.stdin.on('data', () => {});
    process.stdin.on('end', done);
    process.stdin.on('error', done);
  });
}

/**
 * Runs the `notify` program the user had configured before DevTime (kept by `devtime install` as a JSON
 * argv after `--chain`), with the same event argument, detached: theirs keeps working, ours stays fast.
 * @param {string} chain @param {string} event @param {NodeJS.ProcessEnv} env
 */
function runChained(chain, event, env) {
  /** @type {unknown} */
  const argv = JSON.parse(chain);
  if (!Array.isArray(argv) || !argv.every((word) => typeof word === 'string')) return;
  const [program, ...rest] = /** @type {string[]} */ (argv);
  if (!program) return;
  const child = spawn(program, [...rest, event], { detached: true, stdio: 'ignore', env });
  child.on('error', () => {});
  child.unref();
}

/** @param {string} path */
function touch(path) {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    closeSync(openSync(path, 'a', 0o600));
  }
}

/** @param {string} path */
function isLockHeld(path) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return false;
  }
  if (!Number.isFinite(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {NodeJS.ProcessEnv} env */
function startBackgroundSync(env) {
  const bin = new URL('../../bin/devtime.js', import.meta.url).pathname;
  spawn(process.execPath, [bin, 'sync', '--background'], { detached: true, stdio: 'ignore', env })
    .on('error', () => {})
    .unref();
}
