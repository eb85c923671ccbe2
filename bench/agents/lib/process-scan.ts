import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of live processes whose environment holds `NAME=value` exactly (Linux /proc; same user). Detached
 * children a command leaves behind (a hook's background sync) inherit the variable, so this finds them
 * without knowing their pids.
 */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = Buffer.from(`\0${name}=${value}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = Buffer.concat([
        Buffer.from([0]),
        readFileSync(`/proc/${pid}/environ`),
        Buffer.from([0]),
      ]);
      if (environ.includes(needle)) pids.push(pid);
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}

/** Waits until no process carries `NAME=value` (or `timeoutMs` passes); returns how long that took. */
export async function waitForNoProcessWithEnv(
  name: string,
  value: string,
  timeoutMs: number,
): Promise<{ ms: number; sawAny: boolean; timedOut: boolean }> {
  const started = performance.now();
  let sawAny = false;
  for (;;) {
    const alive = processesWithEnv(name, value);
    if (alive.length > 0) sawAny = true;
    const ms = performance.now() - started;
    if (alive.length === 0) return { ms, sawAny, timedOut: false };
    if (ms > timeoutMs) return { ms, sawAny, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
