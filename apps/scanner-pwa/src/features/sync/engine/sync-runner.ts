import type { SyncEngine } from './sync-engine.ts';
import type { FlushResult } from './sync-types.ts';

export type SyncRunnerDeps = {
  engine: SyncEngine;
  /** Web Locks, so only one tab flushes at a time (rule 7); absent in old browsers and in tests. */
  locks?: Pick<LockManager, 'request'> | undefined;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random?: () => number;
  onResult?: (result: FlushResult) => void;
  /** Whether a flush has any chance: no point hammering while the browser says it is offline. */
  isOnline?: () => boolean;
};

export type SyncRunnerOptions = {
  /** The steady-state timer: pulls what others changed and retries anything left. */
  intervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
};

export interface SyncRunner {
  /** Ask for a flush; calls while one runs are folded into one more run after it. */
  request(reason: string): Promise<void>;
  /** Stop the timer; a flush in progress finishes. */
  stop(): void;
  readonly failures: number;
}

const LOCK_NAME = 'fulfillment-scanner-sync';

/**
 * When to flush: whoever calls `request` (start, online, visibilitychange, after each enqueue) plus
 * a timer that is re-armed after EVERY run, failed or not, so a missed event can never leave the
 * queue stuck (rule 7: the Background Sync API is not counted on). Failures back off exponentially
 * with jitter, or as long as the server's Retry-After says.
 */
export function createSyncRunner(deps: SyncRunnerDeps, options: SyncRunnerOptions = {}): SyncRunner {
  const intervalMs = options.intervalMs ?? 30_000;
  const baseBackoffMs = options.baseBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const random = deps.random ?? Math.random;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let failures = 0;

  const arm = (ms: number) => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = stopped ? undefined : deps.setTimer(() => void runner.request('timer'), ms);
  };

  const backoff = (result: FlushResult): number => {
    if (!result.ok && result.retryAfterMs !== undefined) return Math.min(result.retryAfterMs, maxBackoffMs);
    const exp = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.min(failures - 1, 16));
    return Math.round(exp / 2 + (random() * exp) / 2);
  };

  const flushUnderLock = async (): Promise<FlushResult> => {
    if (!deps.locks) return deps.engine.flush();
    return deps.locks.request(LOCK_NAME, () => deps.engine.flush());
  };

  const runLoop = async () => {
    // Yield first: otherwise a run that finishes synchronously clears `running` before it is set.
    await Promise.resolve();
    try {
      do {
        again = false;
        let result: FlushResult;
        if (deps.isOnline && !deps.isOnline()) {
          result = { ok: false, reason: 'retry', message: 'offline' };
        } else {
          try {
            result = await flushUnderLock();
          } catch (error) {
            result = { ok: false, reason: 'retry', message: error instanceof Error ? error.message : String(error) };
          }
        }
        if (result.ok) {
          failures = 0;
          if (result.more) again = true;
        } else {
          failures++;
        }
        deps.onResult?.(result);
        // Always re-armed, success or failure.
        arm(result.ok ? intervalMs : backoff(result));
      } while (again && !stopped);
    } finally {
      running = undefined;
    }
  };

  const runner: SyncRunner = {
    request(_reason) {
      if (stopped) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = runLoop();
      return running;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) deps.clearTimer(timer);
      timer = undefined;
    },
    get failures() {
      return failures;
    },
  };
  return runner;
}
