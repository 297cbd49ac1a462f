import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/test-database.ts';
import { fixedClock } from '../clock.ts';
import { MAX_ITEM_ERRORS } from './job-errors.ts';
import {
  countHandler,
  createItemLog,
  enqueue,
  isFinished,
  jobRow,
  loggedItems,
  pause,
  runnerPool,
  timelineOf,
  waitForJob,
} from './jobs-test-fixtures.ts';
import { createJobRegistry, type JobRegistry } from './registry.ts';

const pool = runnerPool();
afterEach(() => pool.stopAll());

function setup(register: (registry: JobRegistry) => void = (r) => r.register('test.count', countHandler())) {
  const db = createTestDatabase();
  const clock = fixedClock(new Date('2026-01-05T09:00:00.000Z'));
  createItemLog(db);
  const registry = createJobRegistry();
  register(registry);
  return { db, clock, registry };
}

describe('job runner', () => {
  it('runs a queued job to success, chunk by chunk, with its progress, result and timeline', async () => {
    const { db, clock, registry } = setup();
    const job = enqueue(db, clock, 'test.count', { n: 25, chunk: 10 }, { total: 25 });
    expect(job).toMatchObject({ status: 'queued', progressTotal: 25, progressProcessed: 0, attempts: 0 });
    pool.start({ db, clock, registry });
    const done = await waitForJob(db, job.id, isFinished);
    expect(done).toMatchObject({
      status: 'succeeded',
      progressTotal: 25,
      progressProcessed: 25,
      progressSucceeded: 25,
      progressFailed: 0,
      errors: [],
      result: { counted: 25 },
      checkpoint: { next: 25 },
      attempts: 1,
      leaseOwner: null,
      startedAt: '2026-01-05T09:00:00.000Z',
      finishedAt: '2026-01-05T09:00:00.000Z',
    });
    expect(loggedItems(db, job.id)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(timelineOf(db, job.id)).toEqual(['job.created', 'job.finished']);
  });

  it('keeps an error report of the items that failed, bounded to the first 1000', async () => {
    const { db, clock, registry } = setup();
    const some = enqueue(db, clock, 'test.count', { n: 20, chunk: 5, failItems: [3, 17] }, { total: 20 });
    const many = Array.from({ length: 1200 }, (_, i) => i);
    const lots = enqueue(db, clock, 'test.count', { n: 1500, chunk: 500, failItems: many }, { total: 1500 });
    pool.start({ db, clock, registry });
    const partial = await waitForJob(db, some.id, isFinished);
    expect(partial).toMatchObject({ status: 'succeeded', progressSucceeded: 18, progressFailed: 2, errorsOmitted: 0 });
    expect(partial.errors).toEqual([
      { item: 'item-3', code: 'item_rejected', message: 'item 3 was rejected' },
      { item: 'item-17', code: 'item_rejected', message: 'item 17 was rejected' },
    ]);
    const bounded = await waitForJob(db, lots.id, isFinished);
    expect(bounded).toMatchObject({ progressFailed: 1200, progressSucceeded: 300, errorsOmitted: 200 });
    expect(bounded.errors).toHaveLength(MAX_ITEM_ERRORS);
    expect(bounded.errors.at(-1)!.item).toBe('item-999');
  });

  it('fails a job whose handler throws, with the message (and code) it threw, keeping what it committed', async () => {
    const { db, clock, registry } = setup();
    const plain = enqueue(db, clock, 'test.count', { n: 30, chunk: 10, throwAt: 15 });
    const coded = enqueue(db, clock, 'test.count', { n: 30, chunk: 10, throwAt: 0, throwCode: 'carrier_unavailable' });
    pool.start({ db, clock, registry });
    expect(await waitForJob(db, plain.id, isFinished)).toMatchObject({
      status: 'failed',
      failure: { code: 'job_failed', message: 'the carrier refused item 15' },
      progressProcessed: 10,
      result: null,
    });
    expect((await waitForJob(db, coded.id, isFinished)).failure).toEqual({
      code: 'carrier_unavailable',
      message: 'the carrier refused item 0',
    });
    expect(timelineOf(db, plain.id)).toEqual(['job.created', 'job.finished']);
  });

  it('fails a job of a type nobody registered, saying so', async () => {
    const { db, clock, registry } = setup();
    const job = enqueue(db, clock, 'test.nobody_knows', {});
    pool.start({ db, clock, registry });
    expect((await waitForJob(db, job.id, isFinished)).failure).toEqual({
      code: 'unknown_job_type',
      message: 'no handler is registered for job type "test.nobody_knows" on this server',
    });
  });

  it('stops a running job at the next chunk once cancel is requested, and ends it cancelled', async () => {
    const { db, clock, registry } = setup((r) =>
      r.register('test.count', countHandler({ afterChunk: () => pause(5) })),
    );
    const job = enqueue(db, clock, 'test.count', { n: 1000, chunk: 10 }, { total: 1000 });
    pool.start({ db, clock, registry });
    const running = await waitForJob(db, job.id, (r) => r.progressProcessed >= 20);
    db.$client.prepare('update jobs set cancel_requested_at = ? where id = ?').run(clock.now().toISOString(), job.id);
    const done = await waitForJob(db, job.id, isFinished);
    expect(done.status).toBe('cancelled');
    // At most the chunk in progress when the cancel landed is committed after it.
    expect(done.progressProcessed).toBeLessThanOrEqual(running.progressProcessed + 20);
    expect(loggedItems(db, job.id)).toHaveLength(done.progressProcessed);
    expect(timelineOf(db, job.id)).toEqual(['job.created', 'job.cancelled']);
  });

  it('hands a running job back to the queue on stop, and the next runner resumes it from its checkpoint', async () => {
    const seen: unknown[] = [];
    const { db, clock, registry } = setup((r) =>
      r.register('test.count', countHandler({ seen, afterChunk: () => pause(2) })),
    );
    const job = enqueue(db, clock, 'test.count', { n: 400, chunk: 20 }, { total: 400 });
    const first = pool.start({ db, clock, registry });
    await waitForJob(db, job.id, (r) => r.progressProcessed >= 60);
    await first.stop();
    const handedBack = jobRow(db, job.id);
    expect(handedBack).toMatchObject({ status: 'queued', leaseOwner: null, attempts: 0 });
    expect(handedBack.progressProcessed).toBeLessThan(400);
    pool.start({ db, clock, registry });
    const done = await waitForJob(db, job.id, isFinished);
    expect(done).toMatchObject({ status: 'succeeded', progressProcessed: 400, attempts: 1 });
    expect(seen).toEqual([undefined, { next: handedBack.progressProcessed }]);
    expect(loggedItems(db, job.id)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });

  it('refuses the writes of a runner whose lease was taken over, so no chunk commits twice', async () => {
    const gate = () => {
      let open!: () => void;
      const opened = new Promise<void>((r) => (open = r));
      return { opened, open };
    };
    const slowGate = gate();
    const fastGate = gate();
    const { db, clock } = setup();
    // The slow runner commits one chunk, then stalls past its lease (no heartbeat: heartbeatMs is huge).
    const slow = createJobRegistry();
    slow.register('test.count', countHandler({ afterChunk: (next) => (next === 10 ? slowGate.opened : undefined) }));
    const job = enqueue(db, clock, 'test.count', { n: 50, chunk: 10 }, { total: 50 });
    pool.start({ db, clock, registry: slow, leaseMs: 1000, heartbeatMs: 60_000 });
    await waitForJob(db, job.id, (r) => r.progressProcessed === 10);
    clock.advance(1001);
    const fast = createJobRegistry();
    fast.register('test.count', countHandler({ afterChunk: (next) => (next === 30 ? fastGate.opened : undefined) }));
    pool.start({ db, clock, registry: fast });
    await waitForJob(db, job.id, (r) => r.progressProcessed === 30);
    slowGate.open(); // the slow runner wakes up and tries its next chunk: refused, rolled back
    await pause(20);
    expect(jobRow(db, job.id)).toMatchObject({ status: 'running', progressProcessed: 30, attempts: 2 });
    expect(loggedItems(db, job.id)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    fastGate.open();
    expect(await waitForJob(db, job.id, isFinished)).toMatchObject({ status: 'succeeded', progressProcessed: 50 });
    expect(loggedItems(db, job.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
