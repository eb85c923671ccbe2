import type { Logger } from '@devtime/api';

/** One JSON line per event on stderr; info lines only with DEVTIME_DEBUG, warnings and errors always. */
export function createLogger(debug: boolean): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`,
    );
  return {
    info: (message, fields) => debug && write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
