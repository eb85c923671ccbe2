import type { ErrorBody, ErrorCode } from '@devtime/protocol';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export type ErrorDetail = { path: string; message: string };

/** The one error type at the API edge; everything inside returns typed results instead. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export function zodDetails(error: ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

/** "timestamp: Invalid input: expected number, received string; tool: …" */
export function describeZodError(error: ZodError, prefix = ''): string {
  return zodDetails(error, prefix)
    .map((detail) => `${detail.path}: ${detail.message}`)
    .join('; ');
}

export function validationError(error: ZodError, what: string, prefix = ''): ApiError {
  return new ApiError(400, 'validation_failed', `${what} is invalid: ${describeZodError(error, prefix)}`, {
    details: zodDetails(error, prefix),
  });
}
