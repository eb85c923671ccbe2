import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse, stringify, type TomlTable } from 'smol-toml';

export type ConfigFileResult = { ok: true; value: TomlTable } | { ok: false; error: string };

/** A missing file is an empty config; a malformed one is an error naming the file and the problem. */
export async function readConfigFile(path: string): Promise<ConfigFileResult> {
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
 * Sets keys in one section and keeps the rest (the CLI writes the same file the same way). It holds the
 * API key, so it is replaced atomically and readable by its owner only.
 */
export async function updateConfigSection(
  path: string,
  section: string,
  values: Record<string, string | number | boolean | undefined>,
): Promise<void> {
  const current = await readConfigFile(path);
  if (!current.ok) throw new Error(current.error);
  const config = current.value;
  const existing = config[section];
  const table = (
    typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {}
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
