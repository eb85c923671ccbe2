import type {
  DeleteMachineResponse,
  ErrorBody,
  MachineListResponse,
  MachineSummary,
  RenameMachineResponse,
} from '@devtime/protocol';
import { MACHINE_ID_PATTERN } from '@devtime/protocol';
import type { Command } from 'commander';
import { type ClientSettings, resolveClientSettings } from '../client-settings.ts';
import { readConfig } from '../config/config-file.ts';
import { configPath, dataDir, type Env } from '../config/paths.ts';
import { machineHeaders, readOrCreateMachineId } from '../machine/machine-identity.ts';
import { fail } from './fail.ts';

const TIMEOUT_MS = 10_000;

/** What every machine command needs: where the server is, the key, and this machine's identity. */
interface Client {
  settings: ClientSettings & { key: string };
  dataDir: string;
}

async function openClient(env: Env, flags: { token?: string }): Promise<Client> {
  const config = await readConfig(configPath(env));
  if (!config.ok) return fail(config.error);
  const settings = resolveClientSettings(flags, env, config.value);
  if (!settings.key) {
    return fail('no API key: pass --token <key>, set DEVTIME_API_KEY, or run `devtime token set <key>`');
  }
  return { settings: { ...settings, key: settings.key }, dataDir: dataDir(env) };
}

/** One JSON request with the key and the machine headers; any failure ends the command with a clear line. */
async function request<T>(
  client: Client,
  method: string,
  path: string,
  options: { body?: unknown; notFound?: string } = {},
): Promise<T> {
  const { body } = options;
  const { endpoint, key, keySource } = client.settings;
  let response: Response;
  try {
    response = await fetch(new URL(path, endpoint), {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...machineHeaders(client.dataDir),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return fail(`cannot reach the server at ${endpoint}: ${describeFetchError(error)}`);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const message = (parsed as Partial<ErrorBody> | undefined)?.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401) fail(`the server refused the API key (from ${keySource}): ${message}`);
    if (response.status === 403) fail(`not allowed: ${message}`);
    if (response.status === 404 && options.notFound) fail(options.notFound);
    return fail(`the server at ${endpoint} answered ${response.status}: ${message}`);
  }
  if (parsed === undefined) return fail(`the server at ${endpoint} sent a response that is not JSON`);
  return parsed as T;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * A full id is used as given (lower-cased); anything shorter is a prefix of one of the listed machines,
 * as `machine ls` shows them, and must match exactly one.
 */
async function resolveMachineId(client: Client, given: string): Promise<string> {
  const wanted = given.trim().toLowerCase();
  if (MACHINE_ID_PATTERN.test(wanted)) return wanted;
  if (wanted.length < 4) {
    fail(`"${given}" is not a machine id (give the id or at least 4 of its first characters)`);
  }
  const { machines } = await request<MachineListResponse>(client, 'GET', '/api/machines');
  const matches = machines.filter((m) => m.id.toLowerCase().startsWith(wanted));
  if (matches.length === 0) fail(`no machine with an id starting "${given}"; see \`devtime machine ls\``);
  if (matches.length > 1) fail(`"${given}" matches ${matches.length} machines; give more of the id`);
  return (matches[0] as MachineSummary).id;
}

function label(machine: MachineSummary): string {
  return machine.name ?? machine.hostname ?? '(unnamed)';
}

export function registerMachine(program: Command, env: Env): void {
  const machine = program
    .command('machine')
    .description('list, rename and delete the machines that report to your account');

  machine
    .command('ls')
    .alias('list')
    .description('list your machines; * marks this one')
    .option('--token <key>', 'API key to use')
    .option('--json', 'print as JSON')
    .action(async (flags: { token?: string; json?: boolean }) => {
      const client = await openClient(env, flags);
      const thisId = readOrCreateMachineId(client.dataDir);
      const { machines } = await request<MachineListResponse>(client, 'GET', '/api/machines');
      if (flags.json) {
        const listed = machines.map((m) => ({ ...m, current: m.id === thisId }));
        process.stdout.write(`${JSON.stringify({ this_machine: thisId, machines: listed }, null, 2)}\n`);
        return;
      }
      if (machines.length === 0) {
        process.stdout.write('No machines yet: a machine is listed once it sends activity.\n');
      } else {
        const rows = [
          ['', 'ID', 'NAME', 'HOSTNAME', 'OS', 'LAST SEEN'],
          ...machines.map((m) => [
            m.id === thisId ? '*' : '',
            m.id,
            label(m),
            m.hostname ?? '',
            m.os ?? '',
            m.last_seen.replace('T', ' ').slice(0, 16),
          ]),
        ];
        const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
        for (const row of rows) {
          process.stdout.write(
            `${row
              .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
              .join('  ')
              .trimEnd()}\n`,
          );
        }
      }
      if (!machines.some((m) => m.id === thisId)) {
        process.stdout.write(`This machine (${thisId}) has not reported any activity yet.\n`);
      }
    });

  machine
    .command('rename')
    .description('give a machine a display name (this machine unless --id); its hostname stays as reported')
    .option('--name <name>', 'the new display name')
    .option('--clear', 'remove the display name, showing the hostname again')
    .option('--id <id>', 'the machine (id or its first characters); default: this machine')
    .option('--token <key>', 'API key to use')
    .option('--json', 'print as JSON')
    .action(
      async (flags: { name?: string; clear?: boolean; id?: string; token?: string; json?: boolean }) => {
        if (flags.clear && flags.name !== undefined) fail('give either --name or --clear, not both');
        if (!flags.clear && (flags.name === undefined || flags.name.trim() === '')) {
          fail('give the new name with --name <name> (or --clear to remove it)');
        }
        const client = await openClient(env, flags);
        const isThis = flags.id === undefined;
        const id = isThis
          ? readOrCreateMachineId(client.dataDir)
          : await resolveMachineId(client, flags.id as string);
        const name = flags.clear ? null : (flags.name as string).trim();
        const { machine: renamed } = await request<RenameMachineResponse>(
          client,
          'PATCH',
          `/api/machines/${encodeURIComponent(id)}`,
          {
            body: { name },
            notFound: isThis
              ? `this machine (${id}) is not on the server yet: it is listed once it sends activity`
              : `no machine ${id} on this account; see \`devtime machine ls\``,
          },
        );
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(renamed, null, 2)}\n`);
        } else if (renamed.name === null) {
          process.stdout.write(
            `Machine ${renamed.id} has no display name now (shown as ${label(renamed)}).\n`,
          );
        } else {
          process.stdout.write(`Renamed machine ${renamed.id} to "${renamed.name}".\n`);
        }
      },
    );

  machine
    .command('delete')
    .alias('rm')
    .description('forget a machine; --purge also deletes the agent sessions uploaded from it')
    .requiredOption('--id <id>', 'the machine (id or its first characters)')
    .option('--purge', 'also delete the agent sessions uploaded from this machine')
    .option('--yes', 'do not ask for confirmation')
    .option('--token <key>', 'API key to use')
    .option('--json', 'print as JSON')
    .action(async (flags: { id: string; purge?: boolean; yes?: boolean; token?: string; json?: boolean }) => {
      const client = await openClient(env, flags);
      const id = await resolveMachineId(client, flags.id);
      if (!flags.yes) {
        fail(
          `this forgets machine ${id}${flags.purge ? ' and deletes the agent sessions uploaded from it' : ''}; add --yes to confirm`,
        );
      }
      const query = flags.purge ? '?purge=true' : '';
      const result = await request<DeleteMachineResponse>(
        client,
        'DELETE',
        `/api/machines/${encodeURIComponent(id)}${query}`,
        {
          notFound: `no machine ${id} on this account${flags.purge ? ', and no agent sessions from it' : ''}; see \`devtime machine ls\``,
        },
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ id, ...result }, null, 2)}\n`);
        return;
      }
      const sessions = result.purged_agent_sessions;
      process.stdout.write(
        `${result.machine_deleted ? `Deleted machine ${id}` : `Machine ${id} was not listed`}` +
          `${flags.purge ? `; deleted ${sessions} agent session${sessions === 1 ? '' : 's'} uploaded from it` : ''}.\n`,
      );
      if (id === readOrCreateMachineId(client.dataDir)) {
        process.stdout.write('This is the machine you are on: it is listed again when it next reports.\n');
      }
    });
}
