import { MAX_MUTATIONS_PER_PUSH, MAX_PUSH_BYTES } from '@fulfillment/domain/sync/sync-limits';
import { toWireMutation } from '../../../db/outbox.ts';
import type { SyncStore } from './sync-store.ts';
import type { FlushResult, SyncTransport } from './sync-types.ts';

export type SyncEngineOptions = {
  /** Bounded batches (rule 10); the server refuses more than these anyway. */
  maxBatchCount?: number;
  maxBatchBytes?: number;
  /** Round trips one flush may make before it yields (the runner calls again at once if `more`). */
  maxRounds?: number;
};

export interface SyncEngine {
  /** Push every pending row in seq order, then pull. Never throws. */
  flush(): Promise<FlushResult>;
}

/**
 * The protocol of ARCHITECTURE.md rules 1-10, device side, with no timers and no I/O of its own:
 * the store is local storage, the transport is the server. What to do on each answer:
 * - applied / duplicate: the row goes; rejected: it stays, marked, and the queue moves on;
 * - no answer at all (network, 5xx, timeout): nothing changes; the runner backs off and retries;
 * - 409 seq_gap: the server lost what it had acknowledged; pending rows continue from expected_seq;
 * - 400/422 for a batch: retried one row at a time so one malformed mutation cannot block the rest.
 */
export function createSyncEngine(
  store: SyncStore,
  transport: SyncTransport,
  options: SyncEngineOptions = {},
): SyncEngine {
  const maxBytes = options.maxBatchBytes ?? MAX_PUSH_BYTES - 1024;
  const maxRounds = options.maxRounds ?? 50;
  const fullBatch = Math.min(options.maxBatchCount ?? 50, MAX_MUTATIONS_PER_PUSH);

  async function push(deviceId: string): Promise<FlushResult & { rounds?: number }> {
    let batchCount = fullBatch;
    let pushed = 0;
    let gaps = 0;
    for (let round = 0; round < maxRounds; round++) {
      const queued = await store.pendingBatch(batchCount, maxBytes);
      if (queued.length === 0) return { ok: true, pushed, pulled: 0, more: false };
      // One worker per batch: each worker's picks go out under that worker's own key.
      const workerId = queued[0]!.worker_id;
      const other = queued.findIndex((row) => row.worker_id !== workerId);
      const rows = other === -1 ? queued : queued.slice(0, other);
      const outcome = await transport.push({ device_id: deviceId, mutations: rows.map(toWireMutation) }, { workerId });
      switch (outcome.kind) {
        case 'ok': {
          const ack = await store.applyPushResults(rows, outcome.body.results, outcome.body.last_seq);
          pushed += ack.answered;
          if (ack.foreignSeq) {
            await store.resequencePending(outcome.body.last_seq + 1);
          } else if (ack.answered === 0) {
            // An answer that answers nothing we sent: sending the same again would loop forever.
            return { ok: false, reason: 'stuck', message: 'The server did not answer for the scans sent' };
          }
          batchCount = fullBatch;
          break;
        }
        case 'seq_gap': {
          if (++gaps > 3) return { ok: false, reason: 'stuck', message: 'The server keeps refusing the sequence' };
          // Below our first pending row: it lost rows it had acknowledged. Above it: it has ours and
          // will answer them as duplicates, so resending unchanged is right.
          const first = rows[0]!.seq;
          if (outcome.expected_seq < first) await store.resequencePending(outcome.expected_seq);
          break;
        }
        case 'too_large':
          if (rows.length === 1) {
            await store.markRejected(rows[0]!, 'too_large', 'This scan is too large to send');
          } else {
            batchCount = Math.max(1, Math.floor(rows.length / 2));
          }
          break;
        case 'invalid':
          if (rows.length === 1) await store.markRejected(rows[0]!, outcome.code, outcome.message);
          else batchCount = 1;
          break;
        case 'retry':
          return { ok: false, reason: 'retry', message: outcome.reason, retryAfterMs: outcome.retryAfterMs };
        case 'auth':
          return { ok: false, reason: 'auth', message: outcome.reason, status: outcome.status, workerId };
      }
    }
    return { ok: true, pushed, pulled: 0, more: true };
  }

  async function pull(deviceId: string): Promise<FlushResult> {
    let pulled = 0;
    for (let round = 0; round < maxRounds; round++) {
      const outcome = await transport.pull({ device_id: deviceId, cursor: await store.pullCursor() });
      if (outcome.kind === 'retry') {
        return { ok: false, reason: 'retry', message: outcome.reason, retryAfterMs: outcome.retryAfterMs };
      }
      if (outcome.kind === 'auth')
        return { ok: false, reason: 'auth', message: outcome.reason, status: outcome.status };
      if (outcome.kind === 'invalid') return { ok: false, reason: 'stuck', message: outcome.message };
      await store.applyPull(outcome.body);
      pulled += outcome.body.changes.length;
      if (!outcome.body.has_more) return { ok: true, pushed: 0, pulled, more: false };
    }
    return { ok: true, pushed: 0, pulled, more: true };
  }

  async function flushOnce(): Promise<FlushResult> {
    const deviceId = await store.deviceId();
    if (!deviceId) return { ok: false, reason: 'no_device', message: 'This handheld is not set up yet' };
    const pushed = await push(deviceId);
    if (!pushed.ok) return pushed;
    // Pull after push, so what comes back already holds our work and less needs re-applying.
    const pulled = await pull(deviceId);
    if (!pulled.ok) return pulled;
    return { ok: true, pushed: pushed.pushed, pulled: pulled.pulled, more: pushed.more || pulled.more };
  }

  return {
    async flush() {
      let result: FlushResult;
      try {
        result = await flushOnce();
      } catch (error) {
        result = { ok: false, reason: 'retry', message: error instanceof Error ? error.message : String(error) };
      }
      try {
        await store.recordSync({ ok: result.ok, error: result.ok ? null : result.message });
      } catch {
        // Bookkeeping only; the next flush writes it again.
      }
      return result;
    },
  };
}
