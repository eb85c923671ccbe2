import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse, stringify, type TomlTable } from 'smol-toml';

export type ConfigResult = { ok: true; value: TomlTable } | { ok: false; error: string };

/** A missing file is an empty config; a malformed one is an error naming the file and the problem. */
export async function readConfig(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: {} };
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: parse(text) };
  } catch (error) {
    return { ok: false, error: `${path} is not valid TOML: ${(error as Error).message}` };
  }
}

/**
 * Sets keys inside one section and keeps everything else the user wrote. The file holds an API key,
 * so it is written atomically and readable by its owner only.
 */
export async function updateConfigSection(
  path: string,
  section: string,
  values: Record<string, string | number | boolean | undefined>,
): Promise<void> {
  const current = await readConfig(path);
  if (!current.ok) throw new Error(current.error);
  const config = current.value;
  const table = (
    typeof config[section] === 'object' && config[section] !== null ? config[section] : {}
  ) as TomlTable;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete table[key];
    else table[key] = value;
  }
  config[section] = table;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, stringify(config), { mode: 0o600 });
  await rename(temp, path);
  await chmod(path, 0o600);
}

export function section(config: TomlTable, name: string): TomlTable {
  const value = config[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TomlTable) : {};
}
