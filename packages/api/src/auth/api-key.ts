import { createHash, randomUUID } from 'node:crypto';
import { API_KEY_PATTERN } from '@devtime/protocol';

/** `waka_` + a lower-case UUIDv4 (122 random bits): the shape WakaTime's clients insist on. */
export function generateApiKey(): string {
  return `waka_${randomUUID()}`;
}

export function isWellFormedApiKey(candidate: string): boolean {
  return API_KEY_PATTERN.test(candidate);
}

/**
 * SHA-256 is right for 122-bit random keys: a slow KDF protects guessable secrets (passwords), and
 * would only make every request slower here.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Enough of the key to recognise it in a list; not enough to use it. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, 13);
}
