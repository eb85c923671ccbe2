// @ts-check
/**
 * `devtime hook --agent <id>`: what the agents' hooks run, on every prompt and turn end. CommonJS with
 * Node built-ins only, on purpose: CommonJS starts as fast as `node -e 0`, while ESM, type stripping and
 * the CLI framework would add 6–100 ms to every agent event (bench/agents/hook.bench.ts). It never parses
 * history and never talks to the server: it marks that a sync is wanted, notes which session changed (a
 * hint: the transcript path and session id, nothing else — the event also holds the prompt, which is
 * dropped), and starts a detached background sync unless one is running or lingering. The hint lets that
 * sync read the session's own files instead of listing the whole history. Whatever happens, it exits 0:
 * a tracker must never fail or block the agent.
 */
'use strict';
const {
  appendFileSync,
  read,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  utimesSync,
} = require('node:fs');
const { join } = require('node:path');

/** Hints stop being recorded past this size (no sync ran for a long time); the next sync lists everything. */
const HINTS_MAX_BYTES = 1024 * 1024;
/** An event larger than this (a huge pasted prompt) is drained but not parsed for its hint. */
const EVENT_MAX_BYTES = 16 * 1024 * 1024;

/** How long the hook waits for an agent to finish writing its event to stdin (it normally already has). */
const STDIN_WAIT_MS = 250;

/** @param {string[]} args @param {NodeJS.ProcessEnv} env */
function runHook(args, env) {
  const last = args.at(-1);
  // Codex `notify` passes its event as the last argument; hooks write theirs on stdin.
  const notifyEvent = last?.startsWith('{') ? last : null;
  if (notifyEvent) return afterEvent(args, env, notifyEvent);
  readEvent((event, complete) => {
    afterEvent(args, env, event);
    // A writer that keeps stdin open must not keep the hook alive. The read still blocked in the thread
    // pool would hold even process.exit() (it joins the pool), so this one path ends with a signal.
    if (!complete) process.kill(process.pid, 'SIGKILL');
  });
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @param {string | null} event */
function afterEvent(args, env, event) {
  try {
    // `--chain` is only ever installed with `notify`, whose event is the last argument.
    const chain = valueAfter(args, '--chain');
    if (chain && event) runChained(chain, event, env);

    const home = env.HOME || require('node:os').homedir();
    const agentsDir = join(env.DEVTIME_DATA_DIR || join(home, '.devtime'), 'agents');
    mkdirSync(agentsDir, { recursive: true, mode: 0o700 });
    // The hint before the pending mark, so a sync that sees the mark also sees the hint.
    const hint = event ? hintFrom(valueAfter(args, '--agent'), event) : null;
    if (hint) appendHint(join(agentsDir, 'sync.hints'), hint);
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
 * Reads the event an agent writes to the hook's stdin (a pipe or, from Node agents, a socket) and calls
 * `done` once, with the text (null when there was none or it was too large to be worth parsing) and
 * whether stdin was read to its end. Agents write the event and close stdin before the hook has even
 * started, so this normally finishes at once; a writer that is slow or never closes is given
 * `STDIN_WAIT_MS`, then the hook goes on without the event. The read runs on libuv's thread pool, which
 * costs no module loading: process.stdin or a net.Socket would make the read non-blocking but load the
 * stream stack, ~6 ms per event (measured), a fifth of the hook's whole budget.
 * @param {(event: string | null, complete: boolean) => void} done
 */
function readEvent(done) {
  let kind;
  try {
    kind = fstatSync(0);
  } catch {
    return done(null, true);
  }
  if (!kind.isFIFO() && !kind.isSocket()) return done(null, true);
  /** @type {Buffer[]} */
  const chunks = [];
  let total = 0;
  let finished = false;
  /** @param {boolean} complete */
  const finish = (complete) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    const usable = complete && total > 0 && total <= EVENT_MAX_BYTES;
    done(usable ? Buffer.concat(chunks).toString('utf8') : null, complete);
  };
  const timer = setTimeout(() => finish(false), STDIN_WAIT_MS);
  const next = () => {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    read(0, buffer, 0, buffer.length, null, (error, bytes) => {
      // EOF, or an error such as EAGAIN on a stdin left non-blocking: what was read is the event.
      if (error || bytes === 0) return finish(true);
      total += bytes;
      // Past the cap the rest is drained (so the writer never blocks) but not kept.
      if (total <= EVENT_MAX_BYTES) chunks.push(buffer.subarray(0, bytes));
      next();
    });
  };
  next();
}

/**
 * The session an event is about: `transcript_path` and `session_id` from a hook's stdin, `thread-id`
 * from a Codex `notify` argument. Nothing else of the event is kept.
 * @param {string | undefined} agent @param {string} event
 * @returns {{agent: string, transcriptPath?: string, sessionId?: string} | null}
 */
function hintFrom(agent, event) {
  if (!agent || !/^[a-z]+$/.test(agent)) return null;
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(event);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const fields = /** @type {Record<string, unknown>} */ (parsed);
  const transcriptPath = typeof fields.transcript_path === 'string' ? fields.transcript_path : undefined;
  const id = fields.session_id ?? fields['thread-id'];
  const sessionId = typeof id === 'string' ? id : undefined;
  if (!transcriptPath && !sessionId) return null;
  return { agent, ...(transcriptPath ? { transcriptPath } : {}), ...(sessionId ? { sessionId } : {}) };
}

/** One JSON line per event; appends this small are atomic, so concurrent hooks never interleave. */
function appendHint(/** @type {string} */ path, /** @type {object} */ hint) {
  try {
    if (statSync(path).size >= HINTS_MAX_BYTES) return;
  } catch {
    // no hints file yet
  }
  appendFileSync(path, `${JSON.stringify(hint)}\n`, { mode: 0o600 });
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
  // 4 MB semi-spaces, as `devtime backfill` runs with (bin/devtime.js): a first sync of a 1 GB history
  // peaked at ~290 MB RSS with V8's default, mostly young garbage, and at ~140 MB with this, as fast.
  const child = require('node:child_process').spawn(
    process.execPath,
    ['--max-semi-space-size=4', bin, 'sync', '--background'],
    {
      detached: true,
      stdio: 'ignore',
      env,
    },
  );
  child.on('error', () => {});
  child.unref();
}

module.exports = { runHook, HINTS_MAX_BYTES };

if (require.main === module) runHook(process.argv.slice(2), process.env);
