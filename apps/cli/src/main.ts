import { Command } from 'commander';
import { VERSION } from './version.ts';

// Only apps read the environment; everything below receives it.
const env = process.env;
const program = new Command('devtime')
  .description('DevTime: where your hours go, across editors and AI coding agents')
  .version(VERSION);

// `devtime detect | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

type Register = (program: Command, env: typeof process.env) => void;

/**
 * Each command's module is loaded only when that command runs: `devtime sync` must not pay for the
 * server stack (Hono, Kysely, zod…) that `devtime serve` needs. `--help` and unknown commands load all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  token: async () => (await import('./commands/token.ts')).registerToken,
  status: async () => (await import('./commands/status.ts')).registerStatus,
  user: async () => (await import('./commands/user.ts')).registerUser,
  rebuild: async () => (await import('./commands/rebuild.ts')).registerRebuild,
  machine: async () => (await import('./commands/machine.ts')).registerMachine,
  detect: async () => (await import('./commands/agents-detect.ts')).registerDetect,
  install: async () => (await import('./commands/agents-install.ts')).registerInstall,
  uninstall: async () => (await import('./commands/agents-install.ts')).registerInstall,
  hook: async () => (await import('./commands/agents-hook.ts')).registerHook,
  sync: async () => (await import('./commands/agents-sync.ts')).registerSync,
  backfill: async () => (await import('./commands/backfill.ts')).registerBackfill,
};

const requested = process.argv[2];
const chosen = requested ? COMMANDS[requested] : undefined;
const registered = new Set<Register>();
const versionOnly = requested === '--version' || requested === '-V';
for (const load of chosen ? [chosen] : versionOnly ? [] : Object.values(COMMANDS)) {
  const register = await load();
  if (registered.has(register)) continue;
  registered.add(register);
  register(program, env);
}

await program.parseAsync(process.argv);
