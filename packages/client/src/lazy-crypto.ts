import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

/**
 * node:crypto, loaded on first use instead of at import. Loading it costs ~5 ms, which an editor extension
 * would otherwise pay inside its activation; nothing here needs it before the first heartbeat or lock.
 */
export function nodeCrypto(): typeof Crypto {
  loaded ??= process.getBuiltinModule('node:crypto');
  return loaded;
}
