/**
 * A one-line progress bar on stderr when it is a terminal (nothing otherwise, so pipes and --json
 * output stay clean). Redrawn at most every 100 ms.
 */
export function createProgress(label: string, quiet: boolean) {
  const enabled = !quiet && process.stderr.isTTY === true;
  let lastDrawMs = 0;
  const width = 30;
  return {
    update(done: number, total: number, unit: 'MB' | 'sessions') {
      if (!enabled) return;
      const nowMs = Date.now();
      if (nowMs - lastDrawMs < 100 && done < total) return;
      lastDrawMs = nowMs;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      const amount =
        unit === 'MB'
          ? `${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB`
          : `${done}/${total} sessions`;
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${amount}`,
      );
    },
    done() {
      if (enabled && lastDrawMs > 0) process.stderr.write('\n');
    },
  };
}
