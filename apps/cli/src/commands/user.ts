import { createAccount } from '@devtime/api';
import { isValidTimeZone } from '@devtime/core';
import type { Command } from 'commander';
import type { Env } from '../config/paths.ts';
import { openStore } from '../open-store.ts';
import { fail } from './fail.ts';
import { serverSettingsFor, withDatabaseOptions } from './server-options.ts';

type DbFlags = { dataDir?: string; databaseUrl?: string };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUser(program: Command, env: Env): void {
  const user = program.command('user').description('manage users (admin; works on the database directly)');

  withDatabaseOptions(user.command('add <username>'))
    .description('create a user and print their first API key')
    .option('--password-stdin', 'read the password from standard input (otherwise the user is key-only)')
    .option('--admin', 'make the user an admin')
    .option('--timezone <zone>', 'IANA timezone', 'UTC')
    .option('--json', 'print as JSON')
    .action(
      async (
        username: string,
        flags: DbFlags & { passwordStdin?: boolean; admin?: boolean; timezone: string; json?: boolean },
      ) => {
        if (!/^[a-zA-Z0-9._-]{2,64}$/.test(username)) {
          fail('username must be 2–64 letters, digits, dots, dashes or underscores');
        }
        if (!isValidTimeZone(flags.timezone)) fail(`unknown timezone "${flags.timezone}"`);
        const password = flags.passwordStdin ? await readStdin() : null;
        if (password !== null && password.length < 8) fail('password must have at least 8 characters');
        const store = await openStore(await serverSettingsFor(flags, env));
        try {
          if (await store.getUserByUsername(username)) fail(`user "${username}" already exists`);
          const { user: created, key } = await createAccount(store, {
            username,
            password,
            timeZone: flags.timezone,
            isAdmin: Boolean(flags.admin),
            keyName: 'default',
            nowMs: Date.now(),
          });
          if (flags.json) {
            process.stdout.write(`${JSON.stringify({ id: created.id, username, api_key: key.key })}\n`);
          } else {
            process.stdout.write(`Created user ${username}. API key (shown once): ${key.key}\n`);
          }
        } finally {
          await store.close();
        }
      },
    );

  withDatabaseOptions(user.command('list'))
    .description('list users')
    .option('--json', 'print as JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      const store = await openStore(await serverSettingsFor(flags, env));
      try {
        const users = (await store.listUsers()).map((u) => ({
          id: u.id,
          username: u.username,
          admin: u.isAdmin,
          timezone: u.timeZone,
          created_at: new Date(u.createdAtMs).toISOString(),
        }));
        if (flags.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else
          for (const u of users)
            process.stdout.write(
              `${u.username}${u.admin ? ' (admin)' : ''}  ${u.timezone}  ${u.created_at}\n`,
            );
      } finally {
        await store.close();
      }
    });

  withDatabaseOptions(user.command('remove <username>'))
    .description('delete a user and all their data')
    .option('--yes', 'do not ask for confirmation')
    .action(async (username: string, flags: DbFlags & { yes?: boolean }) => {
      if (!flags.yes) fail(`this deletes ${username} and all their data; add --yes to confirm`);
      const store = await openStore(await serverSettingsFor(flags, env));
      try {
        const found = await store.getUserByUsername(username);
        if (!found) fail(`no user "${username}"`);
        await store.deleteUser(found.id);
        process.stdout.write(`Deleted user ${username} and their data.\n`);
      } finally {
        await store.close();
      }
    });
}
