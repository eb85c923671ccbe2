import { type ConfigFileResult, readConfigFile } from '@devtime/client/config-file';
import type { TomlTable } from 'smol-toml';

// `~/.devtime/config.toml` is read and written the same way by every client: one implementation, in
// the client package (its own entry point, so the CLI loads none of the queue or tracker).
export { updateConfigSection } from '@devtime/client/config-file';

export type ConfigResult = ConfigFileResult;

export function readConfig(path: string): Promise<ConfigResult> {
  return readConfigFile(path);
}

export function section(config: TomlTable, name: string): TomlTable {
  const value = config[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TomlTable) : {};
}
