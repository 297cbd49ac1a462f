import type { PullResponse, PushResponse } from '@fulfillment/domain/sync/sync-schemas';
import { API_BASE, readProblem, retryAfterMs } from '../../../lib/api-client.ts';
import type { PullOutcome, PushOutcome, SyncTransport } from '../engine/sync-types.ts';

const TIMEOUT_MS = 20_000;

/** The sync endpoints over fetch, with every HTTP answer sorted into what the engine acts on. */
export type SyncTokens = {
  /** The key of the worker whose picks these are (their own, or the one signed in now). */
  push(workerId: string | null): Promise<string | undefined>;
  /** The worker key, or the device key when nobody is signed in. */
  pull(): Promise<string | undefined>;
};

export function createHttpSyncTransport(tokens: SyncTokens, fetchImpl: typeof fetch = fetch): SyncTransport {
  async function call(
    path: string,
    init: RequestInit,
    token: () => Promise<string | undefined>,
  ): Promise<Response | { retry: string }> {
    const bearer = await token();
    if (!bearer) return { retry: 'no worker signed in' };
    try {
      return await fetchImpl(`${API_BASE}${path}`, {
        ...init,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${bearer}`,
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        cache: 'no-store',
      });
    } catch (error) {
      return { retry: error instanceof Error ? error.message : 'network error' };
    }
  }

  async function common(response: Response): Promise<Exclude<PushOutcome, { kind: 'ok' | 'seq_gap' }>> {
    const problem = await readProblem(response);
    const message = problem.detail ?? problem.title ?? problem.code;
    if (response.status === 401 || response.status === 403) {
      return { kind: 'auth', reason: message, status: response.status };
    }
    if (response.status === 413) return { kind: 'too_large' };
    if (response.status === 400 || response.status === 422) {
      return { kind: 'invalid', code: problem.code, message };
    }
    // 409 other than seq_gap (e.g. idempotency in flight), 429, 5xx: nothing decided, try later.
    return { kind: 'retry', reason: `${response.status} ${message}`, retryAfterMs: retryAfterMs(response) };
  }

  return {
    async push(request, context): Promise<PushOutcome> {
      const token = () => tokens.push(context?.workerId ?? null);
      const response = await call('/sync/push', { method: 'POST', body: JSON.stringify(request) }, token);
      if (!(response instanceof Response)) return { kind: 'retry', reason: response.retry };
      if (response.ok) return { kind: 'ok', body: (await response.json()) as PushResponse };
      if (response.status === 409) {
        const problem = await readProblem(response.clone());
        if (problem.code === 'seq_gap' && typeof problem.expected_seq === 'number') {
          return { kind: 'seq_gap', expected_seq: problem.expected_seq };
        }
      }
      return common(response);
    },
    async pull({ cursor }): Promise<PullOutcome> {
      // The device comes from the key; the server's query is strict and takes only cursor and limit.
      const query = cursor ? `?${new URLSearchParams({ cursor }).toString()}` : '';
      const response = await call(`/sync/pull${query}`, { method: 'GET' }, tokens.pull);
      if (!(response instanceof Response)) return { kind: 'retry', reason: response.retry };
      if (response.ok) return { kind: 'ok', body: (await response.json()) as PullResponse };
      const outcome = await common(response);
      return outcome.kind === 'too_large' ? { kind: 'retry', reason: '413' } : outcome;
    },
  };
}
