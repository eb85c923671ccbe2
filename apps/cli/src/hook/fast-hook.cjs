// @ts-check
/**
 * `devtime hook --agent <id>`: what the agents' hooks run, on every prompt and turn end. CommonJS with
 * Node built-ins only, on purpose: CommonJS starts as fast as `node -e 0`, while ESM, type stripping and
 * the CLI framework would add 6–100 ms to every agent event (bench/agents/hook.bench.ts). It never parses
 * history and never talks to the server: it marks that a sync is wanted and starts a detached background
 * sync unless one is running or lingering. It drains the event from stdin without keeping it (the event
 * holds the prompt). Whatever happens, it exits 0: a tracker must never fail or block the agent.
 */
'use strict';
const {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  utimesSync,
} = require('node:fs');
const { join } = require('node:path');

/** @param {string[]} args @param {NodeJS.ProcessEnv} env */
function runHook(args, env) {
  try {
    const chain = valueAfter(args, '--chain');
    const last = args.at(-1);
    // Codex `notify` passes its event as the last argument; hooks write theirs on stdin.
    const notifyEvent = last?.startsWith('{') ? last : null;
    if (!notifyEvent) drainStdin();
    if (chain && notifyEvent) runChained(chain, notifyEvent, env);

    const home = env.HOME || require('node:os').homedir();
    const agentsDir = join(env.DEVTIME_DATA_DIR || join(home, '.devtime'), 'agents');
    mkdirSync(agentsDir, { recursive: true, mode: 0o700 });
    touch(join(agentsDir, 'sync.pending'));
    // Pending first, then the lock and linger files: a sync that is finishing looks at pending after it
    // lets go, so one of the two always notices this event.
    if (!isHeld(join(agentsDir, 'sync.lock')) && !isHeld(join(agentsDir, 'sync.linger')))
      startBackgroundSync(env);
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

/**
 * Reads whatever the agent already wrote to a piped stdin and forgets it, without ever waiting: the
 * pipe is reopened non-blocking, so a writer that keeps stdin open cannot hold the hook.
 */
function drainStdin() {
  let fd = -1;
  try {
    const stat = fstatSync(0);
    if (!stat.isFIFO()) return;
    fd = openSync('/dev/stdin', constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.allocUnsafe(64 * 1024);
    for (let total = 0; total < 16 * 1024 * 1024; ) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read <= 0) break;
      total += read;
    }
  } catch {
    // EAGAIN (nothing more yet) or no pipe: nothing to drain
  } finally {
    if (fd !== -1) closeSync(fd);
  }
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
  const child = require('node:child_process').spawn(program, [...rest, event], {
    detached: true,
    stdio: 'ignore',
    env,
  });
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

/** True when the file names a live process (a running or lingering sync). @param {string} path */
function isHeld(path) {
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
  const bin = join(__dirname, '../../bin/devtime.js');
  const child = require('node:child_process').spawn(process.execPath, [bin, 'sync', '--background'], {
    detached: true,
    stdio: 'ignore',
    env,
  });
  child.on('error', () => {});
  child.unref();
}

module.exports = { runHook };

if (require.main === module) runHook(process.argv.slice(2), process.env);
