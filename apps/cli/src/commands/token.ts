import { isWellFormedApiKey } from '@devtime/api';
import type { Command } from 'commander';
import { maskKey, resolveClientSettings } from '../client-settings.ts';
import { readConfig, updateConfigSection } from '../config/config-file.ts';
import { configPath, type Env } from '../config/paths.ts';
import { fail } from './fail.ts';

export function registerToken(program: Command, env: Env): void {
  const token = program.command('token').description('manage the API key local clients use');

  token
    .command('set <key>')
    .description('save an API key to the config file')
    .action(async (key: string) => {
      if (!isWellFormedApiKey(key)) fail('that does not look like a DevTime key (waka_ followed by a UUID)');
      const file = configPath(env);
      await updateConfigSection(file, 'api', { key });
      process.stdout.write(`Saved key ${maskKey(key)} to ${file}\n`);
    });

  token
    .command('show')
    .description('show which key is in use and where it comes from')
    .option('--json', 'print as JSON')
    .option('--reveal', 'print the whole key')
    .action(async (options: { json?: boolean; reveal?: boolean }) => {
      const config = await readConfig(configPath(env));
      if (!config.ok) return fail(config.error);
      const settings = resolveClientSettings({}, env, config.value);
      const shown = settings.key ? (options.reveal ? settings.key : maskKey(settings.key)) : null;
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ key: shown, source: settings.keySource, endpoint: settings.endpoint })}\n`,
        );
      } else if (!shown) {
        process.stdout.write(
          'No API key configured. Run `devtime token set <key>` or set DEVTIME_API_KEY.\n',
        );
      } else {
        process.stdout.write(`${shown}  (from ${settings.keySource}; endpoint ${settings.endpoint})\n`);
      }
    });

  token
    .command('clear')
    .description('remove the API key from the config file')
    .action(async () => {
      const file = configPath(env);
      await updateConfigSection(file, 'api', { key: undefined });
      process.stdout.write(`Removed the key from ${file}\n`);
    });
}
