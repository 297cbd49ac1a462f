import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncEngine } from './sync-engine.ts';
import { createSyncRunner } from './sync-runner.ts';
import type { FlushResult } from './sync-types.ts';

const ok: FlushResult = { ok: true, pushed: 0, pulled: 0, more: false };
const down: FlushResult = { ok: false, reason: 'retry', message: 'offline' };

function scriptedEngine(results: FlushResult[]) {
  const engine = { calls: 0, flush: vi.fn() } as unknown as SyncEngine & {
    calls: number;
    flush: ReturnType<typeof vi.fn>;
  };
  engine.flush.mockImplementation(async () => results.shift() ?? ok);
  return engine;
}

const timers = () => ({
  setTimer: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync runner', () => {
  it('re-arms the timer after a failure, backing off, and flushes again by itself', async () => {
    const engine = scriptedEngine([down, down, ok]);
    const runner = createSyncRunner(
      { engine, ...timers(), random: () => 1 },
      { baseBackoffMs: 1_000, intervalMs: 30_000 },
    );
    await runner.request('start');
    expect(engine.flush).toHaveBeenCalledTimes(1);
    expect(runner.failures).toBe(1);

    await vi.advanceTimersByTimeAsync(999);
    expect(engine.flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.flush).toHaveBeenCalledTimes(2);
    // Second failure: twice as long.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(engine.flush).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.flush).toHaveBeenCalledTimes(3);
    expect(runner.failures).toBe(0);
    // Success: back to the steady interval.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(engine.flush).toHaveBeenCalledTimes(4);
    runner.stop();
  });

  it('honours Retry-After', async () => {
    const engine = scriptedEngine([{ ...down, retryAfterMs: 7_000 }]);
    const runner = createSyncRunner({ engine, ...timers() });
    await runner.request('start');
    await vi.advanceTimersByTimeAsync(6_999);
    expect(engine.flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.flush).toHaveBeenCalledTimes(2);
    runner.stop();
  });

  it('folds requests made during a flush into one more flush', async () => {
    let release: () => void = () => undefined;
    const engine = scriptedEngine([]);
    engine.flush.mockImplementationOnce(
      () =>
        new Promise<FlushResult>((resolve) => {
          release = () => resolve(ok);
        }),
    );
    const runner = createSyncRunner({ engine, ...timers() });
    const first = runner.request('start');
    await vi.waitFor(() => expect(engine.flush).toHaveBeenCalledTimes(1));
    void runner.request('enqueue');
    void runner.request('enqueue');
    void runner.request('online');
    release();
    await first;
    expect(engine.flush).toHaveBeenCalledTimes(2);
    runner.stop();
  });

  it('flushes again at once while the engine says there is more', async () => {
    const engine = scriptedEngine([{ ...ok, more: true }, { ...ok, more: true }, ok]);
    const runner = createSyncRunner({ engine, ...timers() });
    await runner.request('start');
    expect(engine.flush).toHaveBeenCalledTimes(3);
    runner.stop();
  });

  it('counts an engine that throws as a failure and still re-arms', async () => {
    const engine = scriptedEngine([]);
    engine.flush.mockRejectedValueOnce(new Error('boom'));
    const results: FlushResult[] = [];
    const runner = createSyncRunner({ engine, ...timers(), onResult: (r) => results.push(r), random: () => 0 });
    await runner.request('start');
    expect(results[0]).toMatchObject({ ok: false, message: 'boom' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(engine.flush).toHaveBeenCalledTimes(2);
    runner.stop();
  });

  it('runs the flush under a Web Lock when there is one', async () => {
    const engine = scriptedEngine([]);
    const names: string[] = [];
    const locks = {
      request: vi.fn(async (name: string, callback: () => Promise<unknown>) => {
        names.push(name);
        return callback();
      }),
    } as unknown as Pick<LockManager, 'request'>;
    const runner = createSyncRunner({ engine, ...timers(), locks });
    await runner.request('start');
    expect(names).toEqual(['fulfillment-scanner-sync']);
    expect(engine.flush).toHaveBeenCalledTimes(1);
    runner.stop();
  });

  it('does not call the server while the browser is offline, but keeps the timer armed', async () => {
    const engine = scriptedEngine([]);
    let online = false;
    const runner = createSyncRunner({ engine, ...timers(), isOnline: () => online, random: () => 0 });
    await runner.request('start');
    expect(engine.flush).not.toHaveBeenCalled();
    online = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(engine.flush).toHaveBeenCalledTimes(1);
    runner.stop();
  });
});
