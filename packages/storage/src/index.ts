export { AGENT_TURN_CATEGORY, AGENT_TURN_MAX_MS } from './agent-turn-event.ts';
export { createStore, type StoreOptions } from './create-store.ts';
export type * from './store.ts';
