/** Where a local DevTime server listens unless told otherwise (kept apart from the server settings so
 * clients can use them without loading the server's code). */
export const DEFAULT_PORT = 7070;
export const DEFAULT_HOST = '127.0.0.1';
