export { createAccount, issueApiKey } from './accounts.ts';
export { ApiError } from './api-error.ts';
export { type CreateAppOptions, createApp, type DevtimeApi } from './app.ts';
export { generateApiKey, hashApiKey, isWellFormedApiKey } from './auth/api-key.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export type { Clock, Logger } from './clock.ts';
export { silentLogger, systemClock } from './clock.ts';
export { type ApiConfig, DEFAULT_API_CONFIG } from './config.ts';
