import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux for x86 and arm). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) the process has used so far, in ms, at 10 ms resolution.
 * Unlike wall-clock throughput it barely depends on what else runs on the machine.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
