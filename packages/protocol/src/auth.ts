import { z } from 'zod';

/**
 * Keys look like WakaTime's (`waka_` + lower-case UUIDv4) because wakatime-cli refuses any other shape
 * before sending; DevTime's own clients accept the same keys.
 */
export const API_KEY_PATTERN = /^waka_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const createTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(100).default('default'),
  read_only: z.boolean().default(false),
  /** Without a session or key, a username and password create a key (first login of a client). */
  username: z.string().max(100).optional(),
  password: z.string().max(1024).optional(),
});

export interface ApiKeySummary {
  id: string;
  name: string;
  /** First characters of the key, enough to recognise it; the key itself is never shown again. */
  prefix: string;
  read_only: boolean;
  created_at: string;
  last_used_at: string | null;
}

export interface CreatedApiKey extends ApiKeySummary {
  /** Shown once. */
  key: string;
}

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(100).optional(),
  password: z.string().min(1).max(1024).optional(),
  api_key: z.string().max(100).optional(),
});

export const signupRequestSchema = z.object({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-zA-Z0-9._-]+$/, 'username may hold letters, digits, dot, dash and underscore'),
  password: z.string().min(8, 'password must have at least 8 characters').max(1024),
  timezone: z.string().max(64).optional(),
});

export const userSettingsSchema = z.object({
  timezone: z.string().max(64).optional(),
  timeout_minutes: z.number().int().min(1).max(120).optional(),
});
