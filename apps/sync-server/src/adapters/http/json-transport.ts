import { parseProblem } from './problem.ts';
import type { TransportSettings } from './transport-settings.ts';

/*
 * One JSON request to a remote service we depend on (the Inventory Service, a carrier connector), with
 * its timeout, its retries and every way it can go wrong sorted into three results. Each adapter maps
 * them onto its own errors: it knows what a refusal means in its contract, this module does not. Nothing
 * the remote side does makes this throw.
 */

export type JsonCall = {
  method: 'GET' | 'POST';
  path: string;
  /** Headers a contract adds to every call (the inventory's `X-Tenant-ID`). */
  headers?: Record<string, string>;
  /** Sent unchanged on every attempt: it is what makes repeating a POST safe. */
  idempotencyKey?: string;
  /** A POST that changes nothing (a quote): safe to repeat without a key. */
  safe?: boolean;
  body?: unknown;
  /** The success statuses this call expects; any other 2xx or a 3xx is a broken answer. */
  expect: readonly number[];
  /** The caller giving up: no further attempt, and the call ends as unavailable. */
  signal?: AbortSignal;
};

export type JsonResult =
  | { kind: 'ok'; status: number; body: unknown }
  /** A 4xx the service explained with a problem `code`: the request itself was refused. */
  | { kind: 'refused'; status: number; code: string; detail: string }
  /**
   * Down, slow, or answering outside its contract: 502 (answered badly), 503 (unreachable, overloaded)
   * or 504 (timed out). `message` names the service, the call and the number of attempts.
   */
  | { kind: 'unavailable'; status: 502 | 503 | 504; message: string; retryAfterSeconds?: number; cause?: unknown };

/** The problem code of "this key's first request is still running": transient, not a refusal. */
export const KEY_IN_USE = 'idempotency_key_in_use';

type Outcome =
  | { kind: 'answer'; status: number; headers: Headers; text: string }
  | { kind: 'timeout'; error: unknown }
  | { kind: 'network'; error: unknown }
  | { kind: 'aborted'; error: unknown };

type Unavailable = {
  kind: 'unavailable';
  status: 502 | 503 | 504;
  reason: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  cause?: unknown;
};
type Verdict = Exclude<JsonResult, { kind: 'unavailable' }> | Unavailable;

const MAX_DETAIL = 300;

export async function callJson(settings: TransportSettings, call: JsonCall): Promise<JsonResult> {
  const label = `${call.method} ${call.path}`;
  // Built before the first attempt so that a value fetch cannot send (a newline in a tenant id) fails
  // as the bug it is, rather than looking like the network and being retried.
  const headers = new Headers({
    ...call.headers,
    Accept: 'application/json, application/problem+json',
    Authorization: `Bearer ${settings.token}`,
  });
  if (call.idempotencyKey) headers.set('Idempotency-Key', call.idempotencyKey);
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) headers.set('Content-Type', 'application/json');

  // A GET is safe by nature, a POST only with an Idempotency-Key or when it changes nothing: repeating
  // any other POST after a lost answer could do the thing twice.
  const repeatable = call.method === 'GET' || Boolean(call.idempotencyKey) || call.safe === true;
  const attempts = repeatable ? settings.retries + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    const outcome = call.signal?.aborted
      ? ({ kind: 'aborted', error: call.signal.reason } as const)
      : await attemptOnce(settings, call.signal, settings.baseUrl + call.path, { method: call.method, headers, body });
    const verdict = judge(outcome, call, settings);
    if (verdict.kind !== 'unavailable') return verdict;

    const fail = (): JsonResult => unavailable(settings.service, label, verdict, attempt);
    if (!verdict.retryable || attempt >= attempts) return fail();
    let delay = backoffDelay(attempt, settings);
    if (verdict.retryAfterSeconds !== undefined) {
      const asked = verdict.retryAfterSeconds * 1000;
      if (asked > settings.maxRetryAfterMs) return fail();
      delay = Math.max(delay, asked);
    }
    await settings.sleep(delay);
  }
}

async function attemptOnce(
  settings: TransportSettings,
  callerSignal: AbortSignal | undefined,
  url: string,
  init: { method: string; headers: Headers; body: string | undefined },
): Promise<Outcome> {
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
  try {
    // `manual`: a redirect is not part of any contract, and following one would turn a POST into a GET.
    const response = await settings.fetch(url, { ...init, signal, redirect: 'manual' });
    // Read inside the same try: the timeout covers a body that stalls half-way as well.
    const text = await response.text();
    return { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (callerSignal?.aborted) return { kind: 'aborted', error };
    return isTimeout(error, timeout) ? { kind: 'timeout', error } : { kind: 'network', error };
  }
}

function judge(outcome: Outcome, call: JsonCall, settings: TransportSettings): Verdict {
  if (outcome.kind === 'aborted') {
    return {
      kind: 'unavailable',
      status: 503,
      reason: 'abandoned by the caller',
      retryable: false,
      cause: outcome.error,
    };
  }
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
      return { kind: 'ok', status, body: JSON.parse(text) as unknown };
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
    // Our credentials, not the caller's request: no point refusing the caller's request for it.
    return { kind: 'unavailable', status: 502, reason: answered(': it refused our credentials'), retryable: false };
  }
  if (status === 429 || (status === 409 && problem?.code === KEY_IN_USE)) {
    // Transient, but a 4xx: not retried here. The caller asks again later.
    return { kind: 'unavailable', status: 503, reason: answered(named), retryable: false, retryAfterSeconds };
  }
  if (status >= 400 && problem) {
    return {
      kind: 'refused',
      status,
      code: problem.code,
      detail: truncate(problem.detail ?? problem.title ?? problem.code),
    };
  }
  // A 4xx with no problem code (a proxy's HTML page, a 404 from a wrong base URL), a 3xx, or a success
  // status this call does not expect: the service did not answer by the contract.
  return {
    kind: 'unavailable',
    status: 502,
    reason: answered(status >= 400 ? ' without a problem code' : ', which this call does not expect'),
    retryable: false,
  };
}

function unavailable(service: string, label: string, verdict: Unavailable, attempts: number): JsonResult {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return {
    kind: 'unavailable',
    status: verdict.status,
    message: `${service} ${label}: ${verdict.reason} (${tries})`,
    ...(verdict.retryAfterSeconds !== undefined ? { retryAfterSeconds: verdict.retryAfterSeconds } : {}),
    ...(verdict.cause !== undefined ? { cause: verdict.cause } : {}),
  };
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
