import type { PullResponse, PushRequest, PushResponse } from '@fulfillment/domain/sync/sync-schemas';

/** What one push attempt came to, as the engine needs to know it (transport details stay in the transport). */
export type PushOutcome =
  | { kind: 'ok'; body: PushResponse }
  /** 409 seq_gap: the server has everything before `expected_seq` and nothing after. */
  | { kind: 'seq_gap'; expected_seq: number }
  /** Network down, timeout, 429, 5xx: nothing was decided; try again later. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** 401/403: the worker key expired or was revoked; a person must sign in again. */
  | { kind: 'auth'; reason: string; status?: number }
  | { kind: 'too_large' }
  /** 400/422 for the whole request: something in it is malformed. */
  | { kind: 'invalid'; code: string; message: string };

export type PullOutcome =
  | { kind: 'ok'; body: PullResponse }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'auth'; reason: string; status?: number }
  | { kind: 'invalid'; code: string; message: string };

export interface SyncTransport {
  /** `workerId`: whose picks these are (every row of a batch is one worker's). */
  push(request: PushRequest, context?: { workerId: string | null }): Promise<PushOutcome>;
  pull(query: { device_id: string; cursor: string | null }): Promise<PullOutcome>;
}

export type FlushResult =
  | { ok: true; pushed: number; pulled: number; more: boolean }
  | {
      ok: false;
      reason: 'retry' | 'auth' | 'no_device' | 'stuck';
      message: string;
      retryAfterMs?: number | undefined;
      /** For `auth`: 401 (key expired or revoked) or 403. */
      status?: number | undefined;
      /** For a push `auth`: the worker whose key was refused. */
      workerId?: string | null | undefined;
    };
