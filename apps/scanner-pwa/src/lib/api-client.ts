/**
 * The few calls the handheld makes itself (sign-in, register, sync). Same origin: the sync server
 * serves the PWA, so there is no CORS and no base URL to configure on a handheld.
 */

export type Problem = { status: number; code: string; title?: string; detail?: string; [key: string]: unknown };

/** The server answered with an error (problem+json). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `${problem.status} ${problem.code}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

/** No answer at all: offline, DNS, refused, timed out. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

export type ApiRequest = {
  method?: 'GET' | 'POST';
  token?: string | undefined;
  body?: unknown;
  idempotencyKey?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
};

export const API_BASE = '/v1/fulfillment';

export async function readProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status alone has to do.
  }
  const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
  return { ...body, status: response.status, code };
}

/** fetch, answering the parsed JSON or throwing ApiError / NetworkError. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<{ body: T; response: Response }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  const doFetch = request.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${API_BASE}${path}`, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : 'network error', { cause: error });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  return { body: (await response.json()) as T, response };
}

/** Retry-After in ms (seconds or an HTTP date), if the answer had one. */
export function retryAfterMs(response: Response, now: number = Date.now()): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
