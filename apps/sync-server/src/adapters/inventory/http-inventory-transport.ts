import { InventoryRejectedError, InventoryUnavailableError } from './inventory-service.ts';
import { type UpstreamProblem, problemSchema } from './http-inventory-schemas.ts';

/*
 * One request to the remote Inventory Service, with its timeout, its retries and the mapping of every
 * way it can go wrong onto the two errors fulfillment understands. The contract is
 * docs/inventory-service.openapi.yaml.
 */

export type TransportSettings = {
  /** No trailing slash; may carry a path prefix (`https://inv.example/api`). */
  baseUrl: string;
  token: string;
  /** Per attempt, covering connect, headers and body. */
  timeoutMs: number;
  /** Extra attempts after the first, for calls that are safe to repeat. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** A 503's Retry-After longer than this is not waited for: the error carries it to the caller instead. */
  maxRetryAfterMs: number;
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
};

export type InventoryCall = {
  method: 'GET' | 'POST';
  path: string;
  tenantId: string;
  /** Sent unchanged on every attempt: it is what makes repeating a POST safe. */
  idempotencyKey?: string;
  body?: unknown;
  /** The success statuses this call expects; any other 2xx or a 3xx is a broken answer. */
  expect: readonly number[];
  /** The problem code of a 404 that means "absent" for this call. Default `reservation_not_found`. */
  notFoundCode?: string;
};

/** `not_found` is a 404 with the call's not-found code: the caller decides what absence means. */
export type CallResult = { kind: 'ok'; status: number; body: unknown } | { kind: 'not_found'; detail: string };

/** The contract's code for "this key's first request is still running": transient, not a refusal. */
export const KEY_IN_USE = 'idempotency_key_in_use';
export const NOT_FOUND = 'reservation_not_found';
export const LOT_NOT_FOUND = 'lot_not_found';

type Outcome =
  | { kind: 'answer'; status: number; headers: Headers; text: string }
  | { kind: 'timeout'; error: unknown }
  | { kind: 'network'; error: unknown };

type Verdict =
  | { kind: 'done'; result: CallResult }
  | { kind: 'rejected'; code: string; detail: string }
  | {
      kind: 'unavailable';
      status: 502 | 503 | 504;
      reason: string;
      retryable: boolean;
      retryAfterSeconds?: number;
      cause?: unknown;
    };

const MAX_DETAIL = 300;

export async function callInventory(settings: TransportSettings, call: InventoryCall): Promise<CallResult> {
  const label = `${call.method} ${call.path}`;
  if (call.method === 'POST' && !call.idempotencyKey) {
    // Every write in the contract is keyed; a missing key is our bug, and it would make retries unsafe.
    throw new TypeError(`inventory ${label}: an Idempotency-Key is required`);
  }
  // Built before the first attempt so that a value fetch cannot send (a newline in a tenant id) fails
  // as the bug it is, rather than looking like the network and being retried.
  const headers = new Headers({
    Accept: 'application/json, application/problem+json',
    Authorization: `Bearer ${settings.token}`,
    'X-Tenant-ID': call.tenantId,
  });
  if (call.idempotencyKey) headers.set('Idempotency-Key', call.idempotencyKey);
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) headers.set('Content-Type', 'application/json');

  // GETs are safe by nature, POSTs because they carry an Idempotency-Key (checked above).
  const attempts = settings.retries + 1;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(settings, settings.baseUrl + call.path, {
      method: call.method,
      headers,
      body,
    });
    const verdict = judge(outcome, call, settings);
    if (verdict.kind === 'done') return verdict.result;
    if (verdict.kind === 'rejected') throw new InventoryRejectedError(verdict.code, verdict.detail);

    const fail = () => unavailable(label, verdict, attempt);
    if (!verdict.retryable || attempt >= attempts) throw fail();
    let delay = backoffDelay(attempt, settings);
    if (verdict.retryAfterSeconds !== undefined) {
      const asked = verdict.retryAfterSeconds * 1000;
      if (asked > settings.maxRetryAfterMs) throw fail();
      delay = Math.max(delay, asked);
    }
    await settings.sleep(delay);
  }
}

async function attemptOnce(
  settings: TransportSettings,
  url: string,
  init: { method: string; headers: Headers; body: string | undefined },
): Promise<Outcome> {
  const signal = AbortSignal.timeout(settings.timeoutMs);
  try {
    // `manual`: a redirect is not part of the contract, and following one would turn a POST into a GET.
    const response = await settings.fetch(url, { ...init, signal, redirect: 'manual' });
    // Read inside the same try: the timeout covers a body that stalls half-way as well.
    const text = await response.text();
    return { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (error) {
    return isTimeout(error, signal) ? { kind: 'timeout', error } : { kind: 'network', error };
  }
}

function judge(outcome: Outcome, call: InventoryCall, settings: TransportSettings): Verdict {
  if (outcome.kind === 'timeout') {
    return {
      kind: 'unavailable',
      status: 504,
      reason: `no answer within ${settings.timeoutMs} ms`,
      retryable: true,
      cause: outcome.error,
    };
  }
  if (outcome.kind === 'network') {
    return {
      kind: 'unavailable',
      status: 503,
      reason: `could not reach the service (${networkCode(outcome.error)})`,
      retryable: true,
      cause: outcome.error,
    };
  }

  const { status, text, headers } = outcome;
  const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'), settings.now());
  const answered = (reason: string) => `answered ${status}${reason}`;

  if (call.expect.includes(status)) {
    try {
      return { kind: 'done', result: { kind: 'ok', status, body: JSON.parse(text) as unknown } };
    } catch (cause) {
      return {
        kind: 'unavailable',
        status: 502,
        reason: answered(' with a body that is not JSON'),
        retryable: false,
        cause,
      };
    }
  }

  const problem = parseProblem(text);
  const named = problem ? ` (${problem.code})` : '';

  if (status >= 500) {
    // 503 and 504 keep their meaning; anything else from the service is a bad answer.
    const mapped = status === 503 || status === 504 ? status : 502;
    return { kind: 'unavailable', status: mapped, reason: answered(named), retryable: true, retryAfterSeconds };
  }
  if (status === 401 || status === 403) {
    // Our credentials, not the caller's request: no point refusing the caller's allocation for it.
    return { kind: 'unavailable', status: 502, reason: answered(': it refused our credentials'), retryable: false };
  }
  if (status === 429 || (status === 409 && problem?.code === KEY_IN_USE)) {
    // Transient, but a 4xx: not retried here. The allocation stays pending and is asked again later.
    return { kind: 'unavailable', status: 503, reason: answered(named), retryable: false, retryAfterSeconds };
  }
  if (status >= 400 && problem) {
    const detail = truncate(problem.detail ?? problem.title ?? problem.code);
    if (status === 404 && problem.code === (call.notFoundCode ?? NOT_FOUND))
      return { kind: 'done', result: { kind: 'not_found', detail } };
    return { kind: 'rejected', code: problem.code, detail };
  }
  // A 4xx with no problem code (a proxy's HTML page, a 404 from a wrong INVENTORY_URL), a 3xx, or a
  // success status this call does not expect: the service did not answer by the contract.
  return {
    kind: 'unavailable',
    status: 502,
    reason: answered(status >= 400 ? ' without a problem code' : ', which this call does not expect'),
    retryable: false,
  };
}

function unavailable(
  label: string,
  verdict: Extract<Verdict, { kind: 'unavailable' }>,
  attempts: number,
): InventoryUnavailableError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const error = new InventoryUnavailableError(
    verdict.status,
    `inventory ${label}: ${verdict.reason} (${tries})`,
    verdict.retryAfterSeconds,
  );
  if (verdict.cause !== undefined) error.cause = verdict.cause;
  return error;
}

function parseProblem(text: string): UpstreamProblem | null {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function isTimeout(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && error.name === 'TimeoutError';
}

/** `ECONNREFUSED`, `UND_ERR_SOCKET`…: undici hides the reason in `cause` behind "fetch failed". */
export function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    // Happy eyeballs (`localhost` → ::1 and 127.0.0.1) reports an AggregateError of both attempts.
    if (current instanceof AggregateError && current.errors[0] instanceof Error) current = current.errors[0];
    else current = current.cause;
  }
  return error instanceof Error ? error.message : 'network error';
}

/** Exponential with "equal jitter": half the step is fixed, half random, so retries never bunch up at 0. */
export function backoffDelay(
  attempt: number,
  settings: Pick<TransportSettings, 'backoffMs' | 'maxBackoffMs' | 'random'>,
) {
  const step = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + settings.random() * (step / 2));
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); whole seconds, never negative. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
