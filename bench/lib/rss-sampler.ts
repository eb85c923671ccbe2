import { readFile } from 'node:fs/promises';

export interface RssSample {
  /** ms since the sampler started. */
  atMs: number;
  rssMb: number;
  /** Peak RSS so far (VmHWM). */
  hwmMb: number;
  /** Caller-defined progress (e.g. heartbeats acknowledged) at the time of the sample. */
  progress: number;
}

export interface RssSampler {
  readonly samples: readonly RssSample[];
  /** Takes one last sample and stops. */
  stop(): Promise<RssSample[]>;
}

/** Reads VmRSS and VmHWM of `pid` from /proc every `intervalMs` (Linux only). */
export function startRssSampler(
  pid: number,
  options: { intervalMs?: number; progress?: () => number } = {},
): RssSampler {
  const samples: RssSample[] = [];
  const started = performance.now();
  const sample = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
    if (!status) return;
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    samples.push({
      atMs: performance.now() - started,
      rssMb: kb('VmRSS') / 1024,
      hwmMb: kb('VmHWM') / 1024,
      progress: options.progress?.() ?? 0,
    });
  };
  void sample();
  const timer = setInterval(() => void sample(), options.intervalMs ?? 250);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await sample();
      return samples;
    },
  };
}

/** The first sample at or past `fraction` of `total` progress. */
export function sampleAt(
  samples: readonly RssSample[],
  total: number,
  fraction: number,
): RssSample | undefined {
  return samples.find((s) => s.progress >= total * fraction);
}
