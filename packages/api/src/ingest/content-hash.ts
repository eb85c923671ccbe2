/**
 * A fast 106-bit non-cryptographic hash (two 53-bit cyrb53 lanes, one pass) of a heartbeat's content.
 * It only needs to tell apart heartbeats of one user and tool at the same millisecond, and it runs on
 * every ingested item, where a cryptographic hash would cost a noticeable share of the ingest budget.
 */
export function contentHash(text: string): string {
  let a1 = 0xdeadbeef ^ 0x9e3779b9;
  let a2 = 0x41c6ce57 ^ 0x9e3779b9;
  let b1 = 0xdeadbeef ^ 0x85ebca6b;
  let b2 = 0x41c6ce57 ^ 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2246822519);
    b2 = Math.imul(b2 ^ ch, 3266489917);
  }
  return finish(a1, a2).toString(36).padStart(11, '0') + finish(b1, b2).toString(36).padStart(11, '0');
}

function finish(h1: number, h2: number): number {
  const x = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const y = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(x ^ (x >>> 13), 3266489909);
  return 4294967296 * (2097151 & y) + (x >>> 0);
}
