/**
 * Machine identity constants, apart from the zod schemas so clients that only send headers
 * (`devtime sync`, the editor extensions) can import them without loading zod
 * (`@devtime/protocol/machine-identity`).
 */

/** The headers DevTime's clients send with every request so the server can list their machines. */
export const MACHINE_HEADERS = {
  id: 'X-Machine-Id',
  name: 'X-Machine-Name',
  os: 'X-Machine-Os',
} as const;

/** Machine ids are client-minted UUIDs (DevTime's clients mint v4), lower case. */
export const MACHINE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
