import { Command } from 'commander';
import { registerRebuild } from './commands/rebuild.ts';
import { registerServe } from './commands/serve.ts';
import { registerStatus } from './commands/status.ts';
import { registerToken } from './commands/token.ts';
import { registerUser } from './commands/user.ts';
import { VERSION } from './version.ts';

// Only apps read the environment; everything below receives it.
const env = process.env;
const program = new Command('devtime')
  .description('DevTime: where your hours go, across editors and AI coding agents')
  .version(VERSION);

registerServe(program, env);
registerToken(program, env);
registerStatus(program, env);
registerUser(program, env);
registerRebuild(program, env);

await program.parseAsync(process.argv);
