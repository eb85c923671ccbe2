export * from './agent-session.ts';
export * from './auth.ts';
export * from './categories.ts';
export * from './error.ts';
export * from './heartbeat.ts';
export * from './limits.ts';
export * from './machine.ts';
export * from './stats.ts';
