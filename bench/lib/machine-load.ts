import { availableParallelism, loadavg } from 'node:os';

export interface MachineLoad {
  cpus: number;
  /** 1-minute load average when the bench started: above ~0.5 something else is using the CPUs. */
  loadAverage1m: number;
}

/** Records how busy the machine was, since every figure here depends on having the cores to itself. */
export function machineLoad(): MachineLoad {
  return { cpus: availableParallelism(), loadAverage1m: loadavg()[0] ?? 0 };
}

export function loadWarning(load: MachineLoad): string | null {
  return load.loadAverage1m > 0.5
    ? `warning: load average ${load.loadAverage1m.toFixed(2)} on ${load.cpus} CPUs at start; other processes compete with the bench`
    : null;
}
