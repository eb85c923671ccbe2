/** Prints a clear error and exits non-zero: the CLI's one way of failing. */
export function fail(message: string, exitCode = 1): never {
  process.stderr.write(`devtime: ${message}\n`);
  process.exit(exitCode);
}
