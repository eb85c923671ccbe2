/** An API error answer (`{"error": {"code", "message"}}`) or a network failure, with the HTTP status. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type Params = Record<string, string | number | undefined | null>;

let onUnauthorized: () => void = () => {};

/** Called when a request answers 401: the session expired or was revoked, so the app shows the login. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function send<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    // Same-origin: the session cookie goes along; the browser adds Origin to writes, which the API checks.
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network', 'Cannot reach the DevTime server. Is `devtime serve` running?');
  }
  const payload = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (!response.ok) {
    if (response.status === 401 && !url.startsWith('/api/auth/login')) onUnauthorized();
    throw new ApiRequestError(
      response.status,
      payload?.error?.code ?? 'http_error',
      payload?.error?.message ?? `HTTP ${response.status}`,
    );
  }
  return payload as T;
}

export function apiGet<T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> {
  return send<T>('GET', apiUrl(path, params), undefined, signal);
}

export function apiSend<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body);
}
