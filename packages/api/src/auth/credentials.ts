/** Where a request's credentials can be: Bearer, WakaTime's Basic base64(key), `?api_key=`, or a cookie. */
export type Credential = { kind: 'key'; key: string } | { kind: 'session'; token: string } | { kind: 'none' };

export const SESSION_COOKIE = 'devtime_session';

export function readCredential(
  authorization: string | undefined,
  queryKey: string | undefined,
  sessionCookie: string | undefined,
): Credential {
  if (authorization) {
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (value && scheme?.toLowerCase() === 'bearer') return { kind: 'key', key: value };
    if (value && scheme?.toLowerCase() === 'basic') return { kind: 'key', key: keyFromBasic(value) };
  }
  if (queryKey) return { kind: 'key', key: queryKey };
  if (sessionCookie) return { kind: 'session', token: sessionCookie };
  return { kind: 'none' };
}

/** wakatime-cli sends base64(key); some plugins send base64("user:key") or base64("key:"). */
function keyFromBasic(encoded: string): string {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  if (!decoded.includes(':')) return decoded;
  const [first, second] = decoded.split(':', 2);
  return second ? second : (first ?? '');
}
